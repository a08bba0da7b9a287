package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.samples.production.SseLoadClient.Event;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ten thousand clients that connect and leave, a few at a time: nothing may stay behind, not a
 * stream, a subscription, a thread or a buffer.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConnectDropChurnTest {
  private static final int CYCLES = 10_000;
  private static final int PARALLEL = 16;
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final LifecycleEndpoints endpoints = new LifecycleEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  private ScheduledExecutorService ticker;

  @BeforeEach
  void startTicking() {
    ticker = Executors.newSingleThreadScheduledExecutor();
    // Events keep flowing, so some clients leave mid-write.
    ticker.scheduleAtFixedRate(
        () -> endpoints.broadcaster.publish("tick"), 0, 2, TimeUnit.MILLISECONDS);
  }

  @AfterEach
  void stopTicking() {
    ticker.shutdownNow();
  }

  @Test
  void tenThousandConnectAndDropCycles_leaveNoStreamThreadOrHeapBehind(SseLoadClient client)
      throws Exception {
    runCycles(client, 400); // warm up: JIT, buffer pool, the stream thread pool at its working size
    awaitQuiet();
    int baselineThreads = Probes.liveThreads() - pooledThreads();
    int baselineStreamThreads = streamThreads();
    long baselineHeap = Probes.retainedHeap();

    long started = System.nanoTime();
    runCycles(client, CYCLES);
    long millis = (System.nanoTime() - started) / 1_000_000;
    awaitQuiet();

    assertEquals(
        endpoints.streamsOpened.get(), endpoints.streamsClosed.get(), "every Stream's onClose ran");
    assertEquals(0L, sluice.stats().queuedBytes(), "" + sluice.stats());
    // Stream threads and Undertow's worker threads idle in their pools by design (30 and 60 s),
    // and a burst of server-side closes on a busy machine can need more of them than the
    // warm-up did: they are held to their pools' bounds. Every other thread must be back to
    // its baseline.
    Probes.eventually(
        WAIT,
        () -> Probes.liveThreads() - pooledThreads() <= baselineThreads + 4,
        () ->
            Probes.liveThreads()
                + " threads live, "
                + baselineThreads
                + " before the churn: "
                + Probes.threadNames());
    assertTrue(
        streamThreads() <= baselineStreamThreads + 3 * PARALLEL,
        Probes.threadNames() + " (stream threads before: " + baselineStreamThreads + ")");
    // Undertow's default: 8 worker threads per I/O thread, one I/O thread per core (two at least).
    int workerBound = 8 * Math.max(2, Runtime.getRuntime().availableProcessors());
    assertTrue(
        workerThreads() <= workerBound,
        "Undertow's worker pool past its bound: " + Probes.threadNames());
    long grown = Probes.retainedHeap() - baselineHeap;
    // About 0.7 MiB here; a closed connection held anywhere costs some 2 KiB, 10,000 of them 20.
    assertTrue(grown < 4L * 1024 * 1024, "retained heap grew by " + grown / 1024 + " KiB");
    System.out.printf(
        "%d connect-and-drop cycles in %d ms; heap %+d KiB, threads %d -> %d%n",
        CYCLES, millis, grown / 1024, baselineThreads, Probes.liveThreads() - pooledThreads());
  }

  private static int streamThreads() {
    return (int)
        Probes.serverThreads().stream()
            .filter(t -> t.getName().startsWith("sluice-stream-"))
            .count();
  }

  /** Undertow's worker pool: "XNIO-1 task-3". */
  private static int workerThreads() {
    return (int)
        Probes.serverThreads().stream()
            .filter(t -> t.getName().startsWith("XNIO-") && t.getName().contains(" task-"))
            .count();
  }

  private static int pooledThreads() {
    return streamThreads() + workerThreads();
  }

  /** Waits until the server holds no stream and the broadcast no subscriber. */
  private void awaitQuiet() throws InterruptedException {
    Probes.eventually(WAIT, () -> sluice.stats().openStreams() == 0, () -> "" + sluice.stats());
    Probes.eventually(
        WAIT,
        () -> endpoints.broadcaster.subscriberCount() == 0,
        () -> endpoints.broadcaster.subscriberCount() + " subscribers left");
    Probes.eventually(
        WAIT,
        () -> endpoints.streamsClosed.get() == endpoints.streamsOpened.get(),
        () -> endpoints.streamsClosed + " of " + endpoints.streamsOpened + " Streams closed");
  }

  /**
   * Connects {@code n} times, {@link #PARALLEL} at once, alternating the broadcast and the blocking
   * Stream; each client leaves after the headers or after its first event, with a FIN or (every
   * third) an RST.
   */
  private static void runCycles(SseLoadClient client, int n) throws InterruptedException {
    Semaphore slots = new Semaphore(PARALLEL);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    for (int i = 0; i < n; i++) {
      assertTrue(slots.tryAcquire(10, TimeUnit.SECONDS), "a cycle hung: " + firstFailure);
      int cycle = i;
      boolean afterFirstEvent = cycle % 4 >= 2;
      String path = cycle % 2 == 0 ? "/production/broadcast" : "/production/blocking";
      client
          .request(path)
          .retainEvents(false)
          .listener(
              new SseLoadClient.Listener() {
                @Override
                public void onHead(Connection c) {
                  if (c.status() != 200) {
                    fail(c);
                  } else if (!afterFirstEvent) {
                    leave(c);
                  }
                }

                @Override
                public void onEvent(Connection c, Event event) {
                  leave(c);
                }

                @Override
                public void onClosed(Connection c) {
                  if (c.closure() != SseLoadClient.Closure.CLOSED_BY_CLIENT) {
                    fail(c);
                  }
                  slots.release();
                }

                private void leave(Connection c) {
                  if (cycle % 3 == 0) {
                    c.abort();
                  } else {
                    c.close();
                  }
                }

                private void fail(Connection c) {
                  failures.incrementAndGet();
                  firstFailure.compareAndSet(null, c.toString());
                  c.close();
                }
              })
          .open();
    }
    assertTrue(slots.tryAcquire(PARALLEL, 10, TimeUnit.SECONDS), "cycles hung: " + firstFailure);
    assertEquals(0, failures.get(), "cycles failed, the first: " + firstFailure.get());
  }
}
