package dev.sluice.bench.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * nghttp2's load generator, when it is installed ({@code apt-get install nghttp2-client} on
 * Debian): a client that keeps to the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}, as browsers
 * do, and that can hold a thousand connections from one thread. The benchmark never installs it;
 * without it, {@link H2cFlood} stands in.
 */
final class H2load implements AutoCloseable {
  static final String INSTALL_HINT = "apt-get install nghttp2-client (Debian, Ubuntu)";

  private final List<String> args;
  private final Process process;
  private final Thread reader;
  private final List<String> output = new ArrayList<>(); // guarded by itself

  private H2load(List<String> args, Process process) {
    this.args = List.copyOf(args);
    this.process = process;
    this.reader = new Thread(this::keepOutput, "h2load-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** The {@code h2load} on {@code PATH}, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "h2load");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code h2load args...}; its output (stdout and stderr) is kept. */
  static H2load start(Path h2load, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(h2load.toString());
    command.addAll(args);
    System.err.println("[attack] " + String.join(" ", command));
    return new H2load(args, new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void keepOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException e) {
      // The process is gone; what it printed before is kept.
    }
  }

  boolean finished() {
    return !process.isAlive();
  }

  /** Its summary: how it was run, its exit code, and its "requests:" and "status codes:". */
  String summary() {
    StringBuilder summary = new StringBuilder("h2load ").append(String.join(" ", args));
    if (!process.isAlive()) {
      summary.append(" exited ").append(process.exitValue());
    }
    synchronized (output) {
      for (String line : output) {
        String trimmed = line.trim();
        if (trimmed.startsWith("requests:") || trimmed.startsWith("status codes:")) {
          summary.append("; ").append(trimmed);
        }
      }
    }
    return summary.toString();
  }

  /** Stops it (by its PID) if it is still running, and reads the rest of its output. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(2_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
