package dev.sluice.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test, on a free loopback port and a throw-away directory,
 * stopped by its PID. {@code .ci/run} installs Redis from Debian where it is missing.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start(false)) {
 *   RedisClient client = RedisClient.create(redis.uri());
 *   redis.kill();      // SIGKILL, as a crash
 *   redis.restart();   // the same port and directory
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {
  private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(20);

  private final boolean persistent;
  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(boolean persistent, Path dir, int port) {
    this.persistent = persistent;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts one. Persistent: an append-only file synced on every write, so that a restart (even
   * after {@link #kill}) keeps every entry Redis acknowledged; otherwise nothing is kept.
   */
  public static RedisServer start(boolean persistent) {
    try {
      Path dir = Files.createTempDirectory("sluice-redis-");
      RedisServer server = new RedisServer(persistent, dir, freePort());
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Kills the server with SIGKILL, by its PID, and waits until it is gone. */
  public void kill() {
    stop(true);
  }

  /** Starts the server again, on the same port and directory. */
  public void restart() {
    launch();
  }

  @Override
  public void close() {
    stop(false);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is no test failure.
    }
  }

  private void launch() {
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--daemonize",
                "no"));
    if (persistent) {
      command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      command.addAll(List.of("--appendonly", "no"));
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "redis-server could not be started: install it (Debian:"
              + " apt-get install redis-server; .ci/run does)",
          e);
    }
    long deadline = System.nanoTime() + READY_NANOS;
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = readLog();
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + log);
      }
      sleep(20);
    }
  }

  private void stop(boolean kill) {
    Process running = process;
    if (running == null) {
      return;
    }
    ProcessHandle handle = running.toHandle(); // by its PID, never by name
    if (kill) {
      handle.destroyForcibly();
    } else {
      handle.destroy();
    }
    try {
      if (!running.waitFor(10, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        running.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false; // not listening yet, or loading its data
    }
  }

  private String readLog() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
