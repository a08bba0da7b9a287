package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.sluice.encode.SseEncoder;
import dev.sluice.encode.Utf8Buffer;
import dev.sluice.internal.broadcast.FanOutTarget;
import dev.sluice.internal.broadcast.SharedEncoding;
import dev.sluice.internal.broadcast.Subscribing;
import dev.sluice.internal.encode.JacksonEncoders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broadcaster on its own: Flow subscribers that record what they get, and no server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseBroadcasterTest {
  private static final SseEncoder<SseEvent<String>> TEXT =
      new JacksonEncoders(new ObjectMapper()).textEvents();

  @Test
  void newestIdEvictedByAge_losesNothing_andGoesLiveWithoutANotice() throws InterruptedException {
    SseBroadcaster<String> broadcaster = smallHistory(3, Duration.ofMillis(50));
    String newest = broadcaster.publish("newest").id();
    Thread.sleep(120); // it ages out, and nothing came after it

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(newest).subscribe(resumed);
    broadcaster.publish("fresh");

    assertEquals(List.of("fresh"), resumed.data());
  }

  @Test
  void historyLostNotice_carriesAnIdThatResumesWithoutAnotherNotice() {
    SseBroadcaster<String> broadcaster = smallHistory(3, Duration.ofMinutes(1));
    Recorder<String> first = Recorder.requesting(10);
    broadcaster.subscribe("an id from before a restart").subscribe(first);
    SseEvent<String> notice = first.items.get(0);
    assertHistoryLost(notice, "an id from before a restart");
    assertNotNull(notice.id(), "a notice without an id leaves Last-Event-ID where it was");
    broadcaster.publish("after the notice");

    // The browser reconnects with the notice's id: it gets what came after, and no notice.
    Recorder<String> reconnected = Recorder.requesting(10);
    broadcaster.subscribe(notice.id()).subscribe(reconnected);
    assertEquals(List.of("after the notice"), reconnected.data());
  }

  @Test
  void latestPerKey_forgetsAKeyWhenItsNewestEventLeavesTheHistory() {
    SseBroadcaster<Quote> broadcaster =
        SseBroadcaster.<Quote>builder()
            .history(2, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.latestPerKey(Quote::symbol))
            .executor(Runnable::run)
            .build();
    for (int i = 0; i < 1_000; i++) {
      broadcaster.publish(new Quote("S" + i, i)); // a thousand keys, each seen once
    }
    assertTrue(broadcaster.trackedKeys() <= 2, broadcaster.trackedKeys() + " keys remembered");
  }

  // ---------------------------------------------------------------------------------------
  // Ids

  @Test
  void autoIds_increaseAndShareTheBroadcastersPrefix() {
    SseBroadcaster<String> broadcaster = inline();
    List<String> ids =
        IntStream.range(0, 12)
            .mapToObj(i -> broadcaster.publish("e-" + i).id())
            .collect(Collectors.toList());

    String prefix = prefixOf(ids.get(0));
    assertFalse(prefix.isEmpty(), ids.get(0));
    for (int i = 0; i < ids.size(); i++) {
      assertTrue(ids.get(i).startsWith(prefix), ids.get(i) + " vs prefix " + prefix);
      if (i > 0) {
        assertTrue(seqOf(ids.get(i)) > seqOf(ids.get(i - 1)), ids.toString());
      }
    }
  }

  @Test
  void eventWithItsOwnId_keepsIt_andAutoIdsCarryOn() {
    SseBroadcaster<String> broadcaster = inline();
    String before = broadcaster.publish("a").id();
    SseEvent<String> own = broadcaster.publish(SseEvent.builder().data("b").id("mine").build());
    String after = broadcaster.publish("c").id();

    assertEquals("mine", own.id());
    assertEquals(prefixOf(before), prefixOf(after));
    assertTrue(seqOf(after) > seqOf(before), before + " then " + after);

    // The own id is a resume point like any other.
    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe("mine").subscribe(resumed);
    assertEquals(List.of("c"), resumed.data());
  }

  @Test
  void publish_returnsTheStoredEvent_thatSubscribersGet() {
    SseBroadcaster<String> broadcaster = inline();
    StreamRecorder<String> live = new StreamRecorder<>(Runnable::run, (event, out) -> {});
    broadcaster.subscribe(null).subscribe(live);

    SseEvent<String> original = SseEvent.builder().data("hello").event("greeting").build();
    SseEvent<String> stored = broadcaster.publish(original);

    assertNotNull(stored.id());
    assertEquals("hello", stored.data());
    assertEquals("greeting", stored.event());
    assertNull(original.id(), "the caller's event is not changed");
    assertSame(
        stored, live.shared.get(0).event(), "a broadcast event is encoded once for all streams");
    assertEquals(1, live.items.size());
    assertSame(stored, live.items.get(0));
  }

  // ---------------------------------------------------------------------------------------
  // Replay

  @Test
  void subscribeWithoutId_getsOnlyLiveEvents() {
    SseBroadcaster<String> broadcaster = inline();
    broadcaster.publish("old-1");
    broadcaster.publish("old-2");

    Recorder<String> live = Recorder.requesting(10);
    broadcaster.subscribe(null).subscribe(live);
    assertEquals(List.of(), live.data());

    broadcaster.publish("new");
    assertEquals(List.of("new"), live.data());
    assertNull(live.error);
  }

  @Test
  void subscribeWithId_replaysEveryRetainedEventAfterIt_thenLive() {
    SseBroadcaster<String> broadcaster = inline();
    broadcaster.publish("a");
    String seen = broadcaster.publish("b").id();
    broadcaster.publish("c");
    broadcaster.publish("d");

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(seen).subscribe(resumed);
    assertEquals(List.of("c", "d"), resumed.data());

    broadcaster.publish("e");
    assertEquals(List.of("c", "d", "e"), resumed.data());
    assertNull(resumed.error);
  }

  @Test
  void subscribeWithLatestId_replaysNothing_thenLive() {
    SseBroadcaster<String> broadcaster = inline();
    broadcaster.publish("a");
    String latest = broadcaster.publish("b").id();

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(latest).subscribe(resumed);
    assertEquals(List.of(), resumed.data());

    broadcaster.publish("c");
    assertEquals(List.of("c"), resumed.data());
  }

  @Test
  void unknownId_getsHistoryLostFirst_thenLive() {
    SseBroadcaster<String> broadcaster = inline();
    broadcaster.publish("a");
    broadcaster.publish("b");

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe("no-such-id").subscribe(resumed);
    assertHistoryLost(resumed.items.get(0), "no-such-id");
    assertEquals(1, resumed.items.size(), "nothing retained is replayed: " + resumed.items);

    broadcaster.publish("c");
    assertEquals(2, resumed.items.size());
    assertEquals("c", resumed.items.get(1).data());
  }

  @Test
  void historyLost_waitsForDemandLikeAnyEvent() {
    SseBroadcaster<String> broadcaster = inline();
    Recorder<String> resumed = Recorder.requesting(0);
    broadcaster.subscribe("gone").subscribe(resumed);
    broadcaster.publish("a");
    assertEquals(0, resumed.items.size());

    resumed.request(1);
    assertEquals(1, resumed.items.size());
    assertHistoryLost(resumed.items.get(0), "gone");

    resumed.request(1);
    assertEquals("a", resumed.items.get(1).data());
  }

  @Test
  void idEvictedByCount_getsHistoryLostFirst_thenLive() {
    SseBroadcaster<String> broadcaster = smallHistory(3, Duration.ofMinutes(1));
    String first = broadcaster.publish("e-0").id();
    for (int i = 1; i < 6; i++) {
      broadcaster.publish("e-" + i);
    }

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(first).subscribe(resumed);
    broadcaster.publish("e-6");

    assertEquals(2, resumed.items.size(), resumed.items.toString());
    assertHistoryLost(resumed.items.get(0), first);
    assertEquals("e-6", resumed.items.get(1).data());
  }

  @Test
  void oldestRetainedId_stillResumes() {
    SseBroadcaster<String> broadcaster = smallHistory(3, Duration.ofMinutes(1));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(broadcaster.publish("e-" + i).id());
    }
    // e-3, e-4, e-5 are retained: a client that saw e-3 has lost nothing.
    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(ids.get(3)).subscribe(resumed);
    assertEquals(List.of("e-4", "e-5"), resumed.data());
  }

  @Test
  void idEvictedByAge_getsHistoryLostFirst_thenLive() throws InterruptedException {
    SseBroadcaster<String> broadcaster = smallHistory(3, Duration.ofMillis(50));
    String old = broadcaster.publish("old").id();
    broadcaster.publish("missed");
    Thread.sleep(120);

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe(old).subscribe(resumed);
    broadcaster.publish("fresh");

    assertEquals(2, resumed.items.size(), resumed.items.toString());
    assertHistoryLost(resumed.items.get(0), old);
    assertEquals("fresh", resumed.items.get(1).data());
  }

  // ---------------------------------------------------------------------------------------
  // Demand

  @Test
  void noOnNextBeyondRequested() {
    SseBroadcaster<String> broadcaster = inline();
    Recorder<String> reader = Recorder.requesting(2);
    broadcaster.subscribe(null).subscribe(reader);
    for (int i = 0; i < 5; i++) {
      broadcaster.publish("e-" + i);
    }
    assertEquals(List.of("e-0", "e-1"), reader.data());

    reader.request(1);
    assertEquals(List.of("e-0", "e-1", "e-2"), reader.data());
    reader.request(Long.MAX_VALUE);
    reader.request(Long.MAX_VALUE); // must not overflow into "no demand"
    broadcaster.publish("e-5");
    assertEquals(List.of("e-0", "e-1", "e-2", "e-3", "e-4", "e-5"), reader.data());
    assertNull(reader.error);
  }

  @Test
  void requestZero_isAnIllegalArgumentError() {
    SseBroadcaster<String> broadcaster = inline();
    Recorder<String> reader = Recorder.requesting(0);
    broadcaster.subscribe(null).subscribe(reader);
    assertEquals(1, broadcaster.subscriberCount());

    reader.request(0);
    assertInstanceOf(IllegalArgumentException.class, reader.error);
    assertEquals(0, broadcaster.subscriberCount());

    reader.request(5);
    broadcaster.publish("after");
    assertEquals(List.of(), reader.data(), "nothing after onError");
    assertEquals(1, reader.errors.get());
  }

  @Test
  void requestNegative_isAnIllegalArgumentError() {
    SseBroadcaster<String> broadcaster = inline();
    Recorder<String> reader = Recorder.requesting(0);
    broadcaster.subscribe(null).subscribe(reader);
    reader.request(-1);
    assertInstanceOf(IllegalArgumentException.class, reader.error);
  }

  @Test
  void cancel_stopsDelivery_andRemovesTheSubscriber() {
    SseBroadcaster<String> broadcaster = inline();
    Recorder<String> reader = Recorder.requesting(100);
    Recorder<String> other = Recorder.requesting(100);
    broadcaster.subscribe(null).subscribe(reader);
    broadcaster.subscribe(null).subscribe(other);
    assertEquals(2, broadcaster.subscriberCount());

    broadcaster.publish("a");
    reader.subscription.cancel();
    assertEquals(1, broadcaster.subscriberCount());
    broadcaster.publish("b");

    assertEquals(List.of("a"), reader.data());
    assertEquals(List.of("a", "b"), other.data());
    assertNull(reader.error);
  }

  // ---------------------------------------------------------------------------------------
  // publish racing subscribe

  @Test
  void publishRacingResubscribe_neverLosesNorRepeatsAnEvent() throws Exception {
    int publishers = 4;
    int perPublisher = 1_000;
    int total = publishers * perPublisher;
    int subscribers = 40;
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(total + 10, Duration.ofMinutes(5))
            .slowClients(SlowClientPolicy.disconnect(total, Duration.ofMinutes(5)))
            .executor(Runnable::run)
            .build();
    Map<Long, String> publishedBySeq = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch allPublished = new CountDownLatch(publishers);
    List<Resubscriber> readers = new ArrayList<>();
    for (int s = 0; s < subscribers; s++) {
      readers.add(new Resubscriber(broadcaster, total - 1, s % 2 == 0, allPublished));
    }
    // Half subscribe live before the first publish, half while publishing is under way.
    for (int s = 0; s < subscribers; s += 2) {
      readers.get(s).subscribeLive();
    }
    ExecutorService pool = Executors.newFixedThreadPool(publishers + subscribers);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        int publisher = p;
        tasks.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perPublisher; i++) {
                    SseEvent<String> stored = broadcaster.publish("p" + publisher + "-" + i);
                    publishedBySeq.put(seqOf(stored.id()), stored.data());
                    if (i % 50 == 0) {
                      Thread.yield();
                    }
                  }
                  allPublished.countDown();
                  return null;
                }));
      }
      for (int s = 0; s < subscribers; s++) {
        Resubscriber reader = readers.get(s);
        boolean late = s % 2 == 1;
        tasks.add(
            pool.submit(
                () -> {
                  go.await();
                  if (late) {
                    reader.subscribeLive();
                  }
                  reader.resubscribeAfterCut();
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
      assertEquals(total, publishedBySeq.size());
      int checked = 0;
      for (Resubscriber reader : readers) {
        assertTrue(
            reader.done.await(20, TimeUnit.SECONDS),
            "reader stuck after " + reader.received.size() + " events");
        assertNull(reader.firstRun.error);
        if (reader.secondRun != null) {
          assertNull(reader.secondRun.error);
        }
        List<SseEvent<String>> got = reader.received;
        if (got.isEmpty()) {
          continue; // subscribed live after the last publish: nothing to check
        }
        checked++;
        long from = seqOf(got.get(0).id());
        for (int i = 0; i < got.size(); i++) {
          SseEvent<String> event = got.get(i);
          long seq = seqOf(event.id());
          assertEquals(
              from + i,
              seq,
              "gap or duplicate at index " + i + " (resumed after " + reader.resumedAfter + ")");
          assertEquals(publishedBySeq.get(seq), event.data());
        }
        assertEquals(total - from, got.size(), "resumed after " + reader.resumedAfter);
      }
      assertTrue(checked >= subscribers / 2, "only " + checked + " readers saw events");
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  /**
   * Subscribes live, reads a random number of events and cancels (a dropped connection), then
   * subscribes again with the id of the last event it saw, and reads up to the last event.
   */
  private static final class Resubscriber {
    private final SseBroadcaster<String> broadcaster;
    private final long lastSeq;
    private final boolean oneAtATime;
    private final CountDownLatch allPublished;
    private final int cutAfter = ThreadLocalRandom.current().nextInt(1, 300);
    private final CountDownLatch cut = new CountDownLatch(1);
    final List<SseEvent<String>> received = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Recorder<String> firstRun;
    volatile Recorder<String> secondRun;
    volatile String resumedAfter;

    Resubscriber(
        SseBroadcaster<String> broadcaster,
        long lastSeq,
        boolean oneAtATime,
        CountDownLatch allPublished) {
      this.broadcaster = broadcaster;
      this.lastSeq = lastSeq;
      this.oneAtATime = oneAtATime;
      this.allPublished = allPublished;
    }

    void subscribeLive() {
      firstRun =
          new Recorder<>(oneAtATime ? 1 : Long.MAX_VALUE) {
            @Override
            public void onNext(SseEvent<String> item) {
              super.onNext(item);
              if (items.size() == cutAfter) {
                subscription.cancel();
                cut.countDown();
              } else if (oneAtATime) {
                subscription.request(1);
              }
            }
          };
      broadcaster.subscribe(null).subscribe(firstRun);
    }

    void resubscribeAfterCut() throws InterruptedException {
      while (!cut.await(5, TimeUnit.MILLISECONDS)) {
        if (allPublished.getCount() == 0) {
          firstRun.subscription.cancel(); // too few events after it subscribed to cut there
          break;
        }
      }
      received.addAll(firstRun.items);
      if (received.isEmpty() || seqOf(received.get(received.size() - 1).id()) == lastSeq) {
        done.countDown();
        return;
      }
      resumedAfter = received.get(received.size() - 1).id();
      secondRun =
          new Recorder<>(oneAtATime ? 1 : Long.MAX_VALUE) {
            @Override
            public void onNext(SseEvent<String> item) {
              super.onNext(item);
              received.add(item);
              if (seqOf(item.id()) == lastSeq) {
                done.countDown();
              }
              if (oneAtATime) {
                subscription.request(1);
              }
            }
          };
      broadcaster.subscribe(resumedAfter).subscribe(secondRun);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Slow-client policies

  @Test
  void disconnect_endsASubscriberBehindForLongerThanGrace() throws InterruptedException {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(100, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.disconnect(5, Duration.ofMillis(50)))
            .executor(Runnable::run)
            .build();
    Recorder<String> slow = Recorder.requesting(1);
    broadcaster.subscribe(null).subscribe(slow);
    broadcaster.publish("e-0");
    for (int i = 1; i <= 6; i++) {
      broadcaster.publish("e-" + i); // 6 behind: over the limit, but not for long yet
    }
    assertNull(slow.error, "no error within the grace period");
    assertEquals(1, broadcaster.subscriberCount());

    Thread.sleep(80);
    broadcaster.publish("e-7");

    assertInstanceOf(SlowClientException.class, slow.error);
    assertEquals(List.of("e-0"), slow.data());
    assertEquals(0, broadcaster.subscriberCount());
  }

  @Test
  void disconnect_keepsASubscriberThatCatchesUpWithinGrace() throws InterruptedException {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(100, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.disconnect(5, Duration.ofMillis(50)))
            .executor(Runnable::run)
            .build();
    Recorder<String> reader = Recorder.requesting(0);
    broadcaster.subscribe(null).subscribe(reader);
    for (int i = 0; i < 7; i++) {
      broadcaster.publish("e-" + i);
    }
    reader.request(7); // caught up
    Thread.sleep(80);
    for (int i = 7; i < 14; i++) {
      broadcaster.publish("e-" + i); // behind again, but only just now
    }
    assertNull(reader.error);
    reader.request(100);
    assertEquals(14, reader.items.size());
  }

  @Test
  void disconnect_endsASubscriberBehindTheWholeHistoryAtOnce() {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(8, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.disconnect(5, Duration.ofMinutes(1)))
            .executor(Runnable::run)
            .build();
    Recorder<String> stalled = Recorder.requesting(0);
    broadcaster.subscribe(null).subscribe(stalled);
    for (int i = 0; i < 8; i++) {
      broadcaster.publish("e-" + i);
    }
    assertNull(stalled.error, "8 behind fits the history");

    broadcaster.publish("e-8"); // e-0 is evicted before the subscriber got it

    assertInstanceOf(SlowClientException.class, stalled.error);
    assertEquals(0, broadcaster.subscriberCount());
  }

  @Test
  void disconnect_appliesWhileTheHistoryLostNoticeWaits() {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(8, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.disconnect(5, Duration.ofMinutes(1)))
            .executor(Runnable::run)
            .build();
    Recorder<String> stalled = Recorder.requesting(0);
    broadcaster.subscribe("unknown").subscribe(stalled);
    for (int i = 0; i < 20; i++) {
      broadcaster.publish("e-" + i);
    }
    // Same as disconnect_endsASubscriberBehindTheWholeHistoryAtOnce, but the subscriber still
    // has the history-lost notice pending: it is 20 events behind a history of 8.
    assertInstanceOf(
        SlowClientException.class,
        stalled.error,
        "a stalled subscriber behind the whole history is ended at once");
    assertEquals(0, broadcaster.subscriberCount());
  }

  @Test
  void dropOldest_keepsTheNewest_andCountsTheRest() {
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(10, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.dropOldest(3))
            .executor(Runnable::run)
            .build();
    CountingRecorder<String> late = new CountingRecorder<>(0);
    broadcaster.subscribe(null).subscribe(late);
    for (int i = 0; i < 25; i++) {
      broadcaster.publish("e-" + i);
    }
    late.request(100);

    assertEquals(List.of("e-22", "e-23", "e-24"), late.data());
    assertEquals(22, late.drops.get());
    assertNull(late.error);

    broadcaster.publish("e-25");
    assertEquals(List.of("e-22", "e-23", "e-24", "e-25"), late.data());
    assertEquals(22, late.drops.get());
  }

  @Test
  void latestPerKey_givesALaggingSubscriberTheNewestOfEachKey() {
    SseBroadcaster<Quote> broadcaster =
        SseBroadcaster.<Quote>builder()
            .history(100, Duration.ofMinutes(1))
            .slowClients(SlowClientPolicy.latestPerKey(Quote::symbol))
            .executor(Runnable::run)
            .build();
    CountingRecorder<Quote> lagging = new CountingRecorder<>(0);
    CountingRecorder<Quote> keen = new CountingRecorder<>(Long.MAX_VALUE);
    broadcaster.subscribe(null).subscribe(lagging);
    broadcaster.subscribe(null).subscribe(keen);

    List<Quote> quotes =
        List.of(
            new Quote("A", 1),
            new Quote("B", 1),
            new Quote("A", 2),
            new Quote("C", 1),
            new Quote("B", 2),
            new Quote("A", 3));
    quotes.forEach(broadcaster::publish);
    lagging.request(100);

    assertEquals(List.of(new Quote("C", 1), new Quote("B", 2), new Quote("A", 3)), lagging.data());
    assertEquals(3, lagging.drops.get());
    assertEquals(quotes, keen.data());
    assertEquals(0, keen.drops.get());

    broadcaster.publish(new Quote("A", 4));
    assertEquals(new Quote("A", 4), lagging.items.get(lagging.items.size() - 1).data());
  }

  @Test
  void latestPerKey_neverSkipsEventsWithoutData() {
    SseBroadcaster<Quote> broadcaster =
        SseBroadcaster.<Quote>builder()
            .slowClients(SlowClientPolicy.latestPerKey(Quote::symbol))
            .executor(Runnable::run)
            .build();
    CountingRecorder<Quote> lagging = new CountingRecorder<>(0);
    broadcaster.subscribe(null).subscribe(lagging);
    broadcaster.publish(new Quote("A", 1));
    broadcaster.publish(SseEvent.<Quote>builder().comment("tick").build());
    broadcaster.publish(SseEvent.<Quote>builder().comment("tock").build());
    broadcaster.publish(new Quote("A", 2));
    lagging.request(100);

    assertEquals(
        List.of("tick", "tock", "A"),
        lagging.items.stream()
            .map(e -> e.data() == null ? e.comment() : e.data().symbol())
            .collect(Collectors.toList()));
    assertEquals(1, lagging.drops.get());
  }

  @Test
  void builder_rejectsAPolicyThatReachesBeyondTheHistory() {
    SseBroadcaster.Builder<String> builder =
        SseBroadcaster.<String>builder().history(10, Duration.ofMinutes(1));

    builder.slowClients(SlowClientPolicy.disconnect(11, Duration.ofSeconds(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());

    builder.slowClients(SlowClientPolicy.dropOldest(11));
    assertThrows(IllegalArgumentException.class, builder::build);

    builder.slowClients(SlowClientPolicy.dropOldest(10));
    assertNotNull(builder.build());
    builder.slowClients(SlowClientPolicy.latestPerKey(String::length));
    assertNotNull(builder.build());
  }

  @Test
  void smallHistory_withTheDefaultPolicy_builds() {
    // The caller chose no policy, so none of theirs reaches beyond the history: the default
    // (512 behind) should fit itself to a smaller history rather than fail the build.
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder().history(3, Duration.ofMillis(50)).build();
    assertNotNull(broadcaster);
  }

  // ---------------------------------------------------------------------------------------
  // Encode once

  @Test
  void broadcastEvent_isSerializedOnceForAllSubscribers() {
    CountingPointSerializer serializer = new CountingPointSerializer();
    ObjectMapper mapper =
        new ObjectMapper().registerModule(new SimpleModule().addSerializer(serializer));
    SseEncoder<SseEvent<Point>> route = new JacksonEncoders(mapper).jsonEvents(Point.class);
    SseBroadcaster<Point> broadcaster = inline();

    int subscribers = 1000;
    List<Utf8Buffer> buffers = new ArrayList<>();
    List<StreamRecorder<Point>> readers = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      Utf8Buffer out = new Utf8Buffer(16);
      if (i % 3 == 0) {
        out.appendAscii(":\n"); // something already pending on that stream
      }
      buffers.add(out);
      StreamRecorder<Point> reader = new StreamRecorder<>(Runnable::run, route);
      reader.writingTo(out);
      readers.add(reader);
      broadcaster.subscribe(null).subscribe(reader);
    }

    SseEvent<Point> stored = broadcaster.publish(new Point(1, 2));

    assertEquals(1, serializer.calls.get(), "Jackson ran once for " + subscribers + " streams");
    byte[] expected =
        ("id: " + stored.id() + "\ndata: {\"x\":1,\"y\":2}\n\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < subscribers; i++) {
      assertEquals(1, readers.get(i).items.size());
      byte[] all = buffers.get(i).toByteArray();
      int skip = i % 3 == 0 ? 2 : 0;
      byte[] event = java.util.Arrays.copyOfRange(all, skip, all.length);
      assertArrayEquals(
          expected, event, "stream " + i + ": " + new String(all, StandardCharsets.UTF_8));
    }

    // Another route (another encoder) encodes for itself; the first keeps its bytes.
    SharedEncoding shared = readers.get(0).shared.get(0);
    SseEncoder<SseEvent<Point>> otherRoute = new JacksonEncoders(mapper).jsonEvents(Point.class);
    assertArrayEquals(expected, shared.bytesFor(otherRoute));
    assertArrayEquals(expected, shared.bytesFor(route));
    assertEquals(2, serializer.calls.get());
  }

  @Test
  void broadcastEvent_encodedFromManyThreads_isSerializedOnce() throws Exception {
    CountingPointSerializer serializer = new CountingPointSerializer();
    ObjectMapper mapper =
        new ObjectMapper().registerModule(new SimpleModule().addSerializer(serializer));
    SseEncoder<SseEvent<Point>> route = new JacksonEncoders(mapper).jsonEvents(Point.class);
    SseBroadcaster<Point> broadcaster = inline();
    // A stream behind an operator: the broadcast encodes nothing ahead for its route.
    StreamRecorder<Point> stream = new StreamRecorder<>(Runnable::run, route);
    Subscribing.as(stream, () -> broadcaster.subscribe(null).subscribe(stream.downstream()));
    SseEvent<Point> stored = broadcaster.publish(new Point(3, 4));
    SharedEncoding shared = stream.shared.get(0);
    assertSame(stored, shared.event());
    assertEquals(0, serializer.calls.get());
    byte[] expected =
        ("id: " + stored.id() + "\ndata: {\"x\":3,\"y\":4}\n\n").getBytes(StandardCharsets.UTF_8);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return shared.bytesFor(route);
                }));
      }
      go.countDown();
      for (Future<byte[]> result : results) {
        assertArrayEquals(expected, result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, serializer.calls.get());
  }

  // ---------------------------------------------------------------------------------------
  // Where events are delivered

  @Test
  void publish_returnsWhileASubscriberIsStillBusy_andTheExecutorDelivers() throws Exception {
    ExecutorService delivery = Executors.newSingleThreadExecutor(r -> new Thread(r, "delivery"));
    CountDownLatch release = new CountDownLatch(1);
    List<String> threads = new CopyOnWriteArrayList<>();
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder().executor(delivery).build();
    Recorder<String> busy =
        new Recorder<>(Long.MAX_VALUE) {
          @Override
          public void onNext(SseEvent<String> item) {
            threads.add(Thread.currentThread().getName());
            awaitQuietly(release);
            super.onNext(item);
          }
        };
    try {
      broadcaster.subscribe(null).subscribe(busy);
      broadcaster.publish("a"); // the subscriber blocks in onNext: publish must not wait for it
      broadcaster.publish("b");
      release.countDown();
      eventually(() -> busy.items.size() == 2);
      assertEquals(List.of("a", "b"), busy.data());
      assertEquals(List.of("delivery", "delivery"), threads);
    } finally {
      release.countDown();
      delivery.shutdownNow();
    }
  }

  @Test
  void deliveryThreadThatRefuses_isNotThePublishersProblem_andTheNextSignalDelivers() {
    AtomicInteger refusals = new AtomicInteger(1);
    Executor stopping =
        task -> {
          if (refusals.getAndDecrement() > 0) {
            throw new java.util.concurrent.RejectedExecutionException("stopping");
          }
          task.run();
        };
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder().executor(stopping).build();
    Recorder<String> reader = Recorder.requesting(10);
    broadcaster.subscribe(null).subscribe(reader);

    broadcaster.publish("a"); // refused: publish still returns normally
    broadcaster.publish("b");

    assertEquals(List.of("a", "b"), reader.data());
  }

  @Test
  void stream_getsItsEventsOnItsIoThread_encodedAheadOnThePublishingThread() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
    List<String> encodedOn = new CopyOnWriteArrayList<>();
    SseEncoder<SseEvent<String>> route = TEXT;
    SseEncoder<SseEvent<String>> counting =
        (event, out) -> {
          encodedOn.add(Thread.currentThread().getName());
          route.encode(event, out);
        };
    StreamRecorder<String> stream = new StreamRecorder<>(io, counting);
    SseBroadcaster<String> broadcaster = SseBroadcaster.create();
    try {
      broadcaster.subscribe(null).subscribe(stream);
      Thread publisher = new Thread(() -> broadcaster.publish("hello"), "publisher");
      publisher.start();
      publisher.join(10_000);
      eventually(() -> stream.items.size() == 1);
      assertEquals(List.of("io"), stream.threads);
      assertEquals(List.of("publisher"), encodedOn, "encoded once, by publish");
      SseEvent<String> event = stream.items.get(0);
      byte[] expected =
          ("id: " + event.id() + "\ndata: hello\n\n").getBytes(StandardCharsets.UTF_8);
      assertSame(event, stream.shared.get(0).event());
      assertArrayEquals(expected, stream.shared.get(0).bytesFor(counting)); // kept, not encoded
      assertEquals(List.of("publisher"), encodedOn);
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void streamJoiningWithAnEncoderNewToTheBroadcast_hasTheHistoryEncodedForIt() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
    List<String> encodedOn = new CopyOnWriteArrayList<>();
    SseEncoder<SseEvent<String>> route = TEXT;
    SseEncoder<SseEvent<String>> counting =
        (event, out) -> {
          encodedOn.add(Thread.currentThread().getName());
          route.encode(event, out);
        };
    SseBroadcaster<String> broadcaster = SseBroadcaster.create();
    String first = broadcaster.publish("a").id();
    broadcaster.publish("b");
    broadcaster.publish("c");
    StreamRecorder<String> stream = new StreamRecorder<>(io, counting);
    stream.startWith = 1; // the rest is asked for later, from the I/O thread, as a stream does
    try {
      Thread subscriber =
          new Thread(() -> broadcaster.subscribe(first).subscribe(stream), "subscriber");
      subscriber.start();
      subscriber.join(10_000);
      io.execute(() -> stream.request(10));
      eventually(() -> stream.items.size() == 2);
      assertEquals(List.of("b", "c"), stream.data());
      assertEquals(
          List.of("subscriber", "subscriber", "subscriber"),
          encodedOn,
          "the three retained events, encoded as the stream joined; none on its I/O thread");
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void cancelledStream_leavesNoTraceInTheBroadcast() {
    SseBroadcaster<String> broadcaster = inline();
    List<StreamRecorder<String>> streams = new ArrayList<>();
    SseEncoder<SseEvent<String>> route = TEXT;
    for (int i = 0; i < 50; i++) {
      StreamRecorder<String> stream = new StreamRecorder<>(Runnable::run, route);
      broadcaster.subscribe(null).subscribe(stream);
      streams.add(stream);
    }
    assertEquals(50, broadcaster.subscriberCount());
    broadcaster.publish("a");
    streams.forEach(StreamRecorder::cancel);

    assertEquals(0, broadcaster.subscriberCount());
    assertEquals(0, broadcaster.deliveryGroups());
    assertEquals(0, broadcaster.encodersInUse());
    streams.forEach(stream -> assertEquals(List.of("a"), stream.data()));
  }

  @Test
  void subscriptionBehindAUserOperator_isDeliveredOnAWorker_andKnowsItsStream() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
    try {
      SseBroadcaster<String> broadcaster = SseBroadcaster.create();
      StreamRecorder<String> stream = new StreamRecorder<>(io, worker, TEXT);
      Flow.Publisher<SseEvent<String>> endpoint = passThrough(broadcaster.subscribe(null));
      // As the runtime does while it subscribes to an endpoint's publisher.
      Subscribing.as(stream, () -> endpoint.subscribe(stream.downstream()));
      broadcaster.publish("a");
      eventually(() -> stream.items.size() == 1);
      assertEquals(List.of("worker"), stream.threads);
      assertEquals(1, broadcaster.subscriberCount());
    } finally {
      io.shutdownNow();
      worker.shutdownNow();
    }
  }

  @Test
  void streamsOwnSubscription_isDeliveredOnItsIoThread() throws Exception {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "io"));
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
    try {
      SseBroadcaster<String> broadcaster = SseBroadcaster.create();
      StreamRecorder<String> stream = new StreamRecorder<>(io, worker, TEXT);
      broadcaster.subscribe(null).subscribe(stream);
      broadcaster.publish("a");
      eventually(() -> stream.items.size() == 1);
      assertEquals(List.of("io"), stream.threads);
    } finally {
      io.shutdownNow();
      worker.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  /** A point serialized by {@link CountingPointSerializer}. */
  record Point(int x, int y) {}

  /** A stock quote, keyed by symbol. */
  record Quote(String symbol, int price) {}

  /** Writes a {@link Point} as Jackson would, and counts how often it is asked to. */
  private static final class CountingPointSerializer extends StdSerializer<Point> {
    private static final long serialVersionUID = 1L;
    final AtomicInteger calls = new AtomicInteger();

    CountingPointSerializer() {
      super(Point.class);
    }

    @Override
    public void serialize(Point value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      calls.incrementAndGet();
      gen.writeStartObject();
      gen.writeNumberField("x", value.x());
      gen.writeNumberField("y", value.y());
      gen.writeEndObject();
    }
  }

  private static void assertHistoryLost(SseEvent<?> event, String lostId) {
    assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, event.event(), event.toString());
    assertTrue(event.isJson(), event.toString());
    assertEquals(lostId, event.data());
  }

  /** A broadcaster with a history smaller than the default policy's 512 events behind. */
  private static SseBroadcaster<String> smallHistory(int maxEvents, Duration maxAge) {
    return SseBroadcaster.<String>builder()
        .history(maxEvents, maxAge)
        .slowClients(SlowClientPolicy.disconnect(maxEvents, Duration.ofMinutes(1)))
        .executor(Runnable::run)
        .build();
  }

  private static String prefixOf(String id) {
    return id.substring(0, id.lastIndexOf('-') + 1);
  }

  private static long seqOf(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
  }

  /** Records every signal; requests {@code initial} on subscribe, then what the test asks. */
  static class Recorder<T> implements Flow.Subscriber<SseEvent<T>> {
    final List<SseEvent<T>> items = new CopyOnWriteArrayList<>();
    final AtomicInteger errors = new AtomicInteger();
    final long initial;
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;

    Recorder(long initial) {
      this.initial = initial;
    }

    static <T> Recorder<T> requesting(long initial) {
      return new Recorder<>(initial);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      assertNull(subscription, "onSubscribe twice");
      subscription = s;
      if (initial > 0) {
        s.request(initial);
      }
    }

    @Override
    public void onNext(SseEvent<T> item) {
      assertNotNull(subscription, "onNext before onSubscribe");
      items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      errors.incrementAndGet();
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }

    void request(long n) {
      subscription.request(n);
    }

    List<T> data() {
      return items.stream().map(SseEvent::data).collect(Collectors.toList());
    }
  }

  /**
   * A recorder that is told about events a drop policy skipped, and says whether its connection
   * drains, as the server's streams do. By default its connection is backed up: a recorder without
   * demand stands for a client that stopped reading.
   */
  static final class CountingRecorder<T> extends Recorder<T> implements FanOutTarget {
    final AtomicLong drops = new AtomicLong();
    volatile long backedUpSince = System.nanoTime();

    CountingRecorder(long initial) {
      super(initial);
    }

    @Override
    public void dropped(long events) {
      drops.addAndGet(events);
    }

    @Override
    public long backedUpSince() {
      return backedUpSince;
    }

    @Override
    public Executor ioThread() {
      return Runnable::run;
    }

    @Override
    public Executor worker() {
      return Runnable::run;
    }

    @Override
    public SseEncoder<?> encoder() {
      return (element, out) -> {};
    }

    @Override
    public void sharing(SharedEncoding next) {}
  }

  /**
   * A subscriber standing for a Sluice stream: its I/O thread, its route's encoder, and the shared
   * encoding the broadcast passes with each event; given a buffer, it writes each event there as
   * the stream's outbox does, from the shared bytes.
   */
  static final class StreamRecorder<T> extends Recorder<T> implements FanOutTarget {
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<SharedEncoding> shared = new CopyOnWriteArrayList<>();
    private final Executor ioThread;
    private final Executor worker;
    private final SseEncoder<?> encoder;
    private SharedEncoding next;
    private Utf8Buffer out;
    long startWith = Long.MAX_VALUE;

    StreamRecorder(Executor ioThread, SseEncoder<?> encoder) {
      this(ioThread, ioThread, encoder);
    }

    StreamRecorder(Executor ioThread, Executor worker, SseEncoder<?> encoder) {
      super(0);
      this.ioThread = ioThread;
      this.worker = worker;
      this.encoder = encoder;
    }

    void writingTo(Utf8Buffer buffer) {
      out = buffer;
    }

    /** This stream as the subscriber a user's operator passes events to. */
    Flow.Subscriber<SseEvent<T>> downstream() {
      StreamRecorder<T> stream = this;
      return new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          stream.onSubscribe(s);
        }

        @Override
        public void onNext(SseEvent<T> item) {
          stream.onNext(item);
        }

        @Override
        public void onError(Throwable error) {
          stream.onError(error);
        }

        @Override
        public void onComplete() {
          stream.onComplete();
        }
      };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      super.onSubscribe(s);
      s.request(startWith);
    }

    @Override
    public void onNext(SseEvent<T> item) {
      threads.add(Thread.currentThread().getName());
      if (next != null && next.event() == item) {
        shared.add(next);
        if (out != null) {
          out.append(next.bytesFor(encoder));
        }
      }
      super.onNext(item);
    }

    void cancel() {
      subscription.cancel();
    }

    @Override
    public void dropped(long events) {}

    @Override
    public long backedUpSince() {
      return 0;
    }

    @Override
    public Executor ioThread() {
      return ioThread;
    }

    @Override
    public Executor worker() {
      return worker;
    }

    @Override
    public SseEncoder<?> encoder() {
      return encoder;
    }

    @Override
    public void sharing(SharedEncoding next) {
      this.next = next;
    }
  }

  /** A user's operator that passes everything through, subscription included. */
  private static <T> Flow.Publisher<T> passThrough(Flow.Publisher<T> upstream) {
    return downstream ->
        upstream.subscribe(
            new Flow.Subscriber<T>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                downstream.onSubscribe(subscription);
              }

              @Override
              public void onNext(T item) {
                downstream.onNext(item);
              }

              @Override
              public void onError(Throwable throwable) {
                downstream.onError(throwable);
              }

              @Override
              public void onComplete() {
                downstream.onComplete();
              }
            });
  }

  /** Waits up to 10 s for {@code condition}, which only bounds a failure. */
  private static void eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 10 s");
      Thread.sleep(5);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A broadcaster that delivers to subscribers of the test's own on the calling thread. */
  private static <T> SseBroadcaster<T> inline() {
    return SseBroadcaster.<T>builder().executor(Runnable::run).build();
  }
}
