package dev.sluice.samples.production;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Waiting for asynchronous effects, and looking at the JVM's threads and heap. */
final class Probes {
  private Probes() {}

  /** Polls {@code condition} until it holds; fails with {@code message} on timeout. */
  static void eventually(Duration timeout, BooleanSupplier condition, Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + message.get());
      }
      Thread.sleep(10);
    }
  }

  /** Live threads whose names start with one of the server's prefixes. */
  static List<Thread> serverThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t ->
                t.isAlive()
                    && (t.getName().startsWith("sluice-stream-")
                        || t.getName().startsWith("XNIO-")))
        .collect(Collectors.toList());
  }

  /** Live threads by name, numbers dropped: "sluice-stream-#" x 12, ... */
  static Map<String, Long> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .collect(
            Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#"), TreeMap::new, Collectors.counting()));
  }

  static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /**
   * The heap in use after a full collection: the least of a few tries, since a collection can run
   * while other threads still allocate.
   */
  static long retainedHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}
