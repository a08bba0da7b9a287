package dev.sluice.bench.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SseStats;
import dev.sluice.bench.load.ServerProcess;
import java.io.IOException;
import java.util.List;

/**
 * A fresh {@link AttackServerMain} in a JVM of its own, with what the attacks read of it: its
 * stats, its CPU time and the lines it logged.
 */
final class Target implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerProcess process;

  /** Lines printed while starting (Undertow's and XNIO's banners): not the scenario's. */
  private final long startupLines;

  private Target(ServerProcess process, long startupLines) {
    this.process = process;
    this.startupLines = startupLines;
  }

  /** Starts a server with {@code args} (flags of {@link AttackServerMain}) on a free port. */
  static Target start(String name, List<String> args) throws IOException, InterruptedException {
    ServerProcess process = ServerProcess.start(name, AttackServerMain.class, args);
    Thread.sleep(300); // lets the echo threads read what it printed while starting
    return new Target(process, process.logLines());
  }

  int port() {
    return process.port();
  }

  long pid() {
    return process.pid();
  }

  SseStats stats() throws IOException, InterruptedException {
    return JSON.readValue(process.get("/stats"), SseStats.class);
  }

  /** Lines the server printed since it started. */
  long logLines() {
    return process.logLines() - startupLines;
  }

  /** The server's CPU time so far, and when it was read. */
  Cpu cpu() throws IOException {
    return new Cpu(process.cpuTicks(), System.nanoTime());
  }

  /** Stops the server (by its PID) and waits for it to exit. */
  @Override
  public void close() {
    process.close();
  }

  /** A reading of the server's CPU time: {@link #percentUntil} another gives its use between. */
  record Cpu(long ticks, long nanos) {
    /** CPU used from this reading to {@code later}, in percent of one core. */
    double percentUntil(Cpu later) {
      double cpuSeconds = (later.ticks - ticks) / (double) ServerProcess.clockTicksPerSecond();
      return 100 * cpuSeconds / ((later.nanos - nanos) / 1e9);
    }
  }
}
