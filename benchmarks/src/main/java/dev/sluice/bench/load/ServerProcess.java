package dev.sluice.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server program running in a JVM of its own, started with the runner's own {@code java} and
 * class path: the server's heap, threads, RSS and CPU time are then its own, and measurable. What
 * it prints is echoed to the runner's stderr, each line prefixed with its name, and counted.
 */
public final class ServerProcess implements AutoCloseable {
  /** The same for every server. */
  public static final List<String> JVM_FLAGS = List.of("-Xmx1g", "-XX:+UseG1GC");

  /** {@code getconf CLK_TCK}, the unit of {@code /proc/<pid>/stat}'s times. */
  private static final long CLOCK_TICKS_PER_SECOND = readClockTicksPerSecond();

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final String name;
  final Process process;
  final long startNanos;
  final int port;

  /** From {@code ProcessBuilder.start} to the READY line. */
  final long readyNanos;

  private final AtomicLong lines;

  private ServerProcess(
      String name, Process process, long startNanos, int port, long readyNanos, AtomicLong lines) {
    this.name = name;
    this.process = process;
    this.startNanos = startNanos;
    this.port = port;
    this.readyNanos = readyNanos;
    this.lines = lines;
  }

  /** Starts {@code mainClass} on a free port and waits (30 s at most) for its READY line. */
  static ServerProcess start(String name, Class<?> mainClass)
      throws IOException, InterruptedException {
    return start(name, mainClass, List.of());
  }

  /**
   * As {@link #start(String, Class)}, with {@code args} after {@code --port 0}.
   *
   * @throws IOException if it does not print READY within 30 s (it is killed then)
   */
  public static ServerProcess start(String name, Class<?> mainClass, List<String> args)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(JVM_FLAGS);
    // For profiling a run, e.g. SLUICE_BENCH_SERVER_JVM='-XX:StartFlightRecording=...'.
    String extra = System.getenv("SLUICE_BENCH_SERVER_JVM");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.add("--port");
    command.add("0");
    command.addAll(args);
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).start();
    try {
      AtomicLong lines = new AtomicLong();
      CompletableFuture<Integer> ready = new CompletableFuture<>();
      daemon(name + "-stdout", () -> readStdout(process, name, ready, lines));
      daemon(name + "-stderr", () -> readStderr(process, name, lines));
      int port = ready.get(30, TimeUnit.SECONDS);
      return new ServerProcess(name, process, start, port, System.nanoTime() - start, lines);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException(name + " did not print READY: " + e, e);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Completes {@code ready} with the port of the READY line; echoes other lines; drains. */
  private static void readStdout(
      Process process, String name, CompletableFuture<Integer> ready, AtomicLong count) {
    try (BufferedReader lines = reader(process.getInputStream())) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (!ready.isDone() && line.startsWith("READY ")) {
          ready.complete(Integer.parseInt(line.substring(6).trim()));
        } else {
          System.err.println("[" + name + "] " + line);
          count.incrementAndGet();
        }
      }
      ready.completeExceptionally(new IOException("exited with " + process.waitFor()));
    } catch (IOException | InterruptedException | RuntimeException e) {
      ready.completeExceptionally(e);
    }
  }

  /** Echoes and counts the lines of stderr, the server's log, until the process ends. */
  private static void readStderr(Process process, String name, AtomicLong count) {
    try (BufferedReader lines = reader(process.getErrorStream())) {
      for (String line; (line = lines.readLine()) != null; ) {
        System.err.println("[" + name + "] " + line);
        count.incrementAndGet();
      }
    } catch (IOException e) {
      // The pipe closed with the process: nothing more to echo.
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The bound port, from the READY line. */
  public int port() {
    return port;
  }

  /** For {@code /proc}, and for the runner's log. */
  public long pid() {
    return process.pid();
  }

  /** Lines the server printed so far, on stdout (the READY line aside) and stderr. */
  public long logLines() {
    return lines.get();
  }

  /**
   * CPU time of the server's threads, all of them (those that ended too), in clock ticks ({@link
   * #clockTicksPerSecond()}): {@code utime + stime} from {@code /proc/<pid>/stat}.
   */
  public long cpuTicks() throws IOException {
    String stat = Files.readString(proc("stat"));
    // After the command name, which may hold spaces, in parentheses: fields 3, 4, ...
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
  }

  /**
   * Write system calls the server has made, all threads: {@code syscw} from {@code /proc/<pid>/io}
   * ({@code write}, {@code writev} and their kin, which is how the JDK writes to sockets; not
   * {@code sendmsg}).
   */
  public long writeSyscalls() throws IOException {
    for (String line : Files.readAllLines(proc("io"))) {
      if (line.startsWith("syscw:")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IOException("no syscw in /proc/" + process.pid() + "/io");
  }

  /** What the server has used so far, to subtract from a later reading. */
  Usage usage() throws IOException {
    return new Usage(cpuTicks(), writeSyscalls());
  }

  /** The unit of {@link #cpuTicks()}: {@code getconf CLK_TCK}, 100 if it cannot be run. */
  public static long clockTicksPerSecond() {
    return CLOCK_TICKS_PER_SECOND;
  }

  private static long readClockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      getconf.waitFor(5, TimeUnit.SECONDS);
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  private Path proc(String file) {
    return Path.of("/proc", Long.toString(process.pid()), file);
  }

  /** {@code GET path} on the server's control routes: the body. */
  public String get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().trim();
  }

  /** The live heap after full collections, in bytes. */
  long heapBytes() throws IOException, InterruptedException {
    return Long.parseLong(get("/heap"));
  }

  /** Subscribers to {@code /fanout} the server counts now. */
  int subscribers() throws IOException, InterruptedException {
    return Integer.parseInt(get("/stats").split(" ")[0]);
  }

  /** Sends that failed (baseline only; Sluice reports 0). */
  long failures() throws IOException, InterruptedException {
    return Long.parseLong(get("/stats").split(" ")[1]);
  }

  /** The server's resident set, from {@code /proc/<pid>/status}, in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(proc("status"))) {
      if (line.startsWith("VmRSS:")) {
        String kib = line.substring(6).trim().split("\\s+")[0];
        return Long.parseLong(kib) * 1024;
      }
    }
    throw new IOException("no VmRSS for " + process.pid());
  }

  /** Kills the server and waits for it to exit. */
  @Override
  public void close() {
    process.destroy(); // by PID: this process only
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A reading of a server's CPU time (in clock ticks) and write system calls, both counted from its
   * start; {@link #until} gives what it used from this reading to a later one.
   */
  record Usage(long cpuTicks, long writeSyscalls) {
    Usage until(Usage later) {
      return new Usage(later.cpuTicks - cpuTicks, later.writeSyscalls - writeSyscalls);
    }

    double cpuMicros() {
      return cpuTicks * 1e6 / CLOCK_TICKS_PER_SECOND;
    }
  }
}
