package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SseBroadcasterTest.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broadcaster on a journal, through the seam alone: a {@link ScriptedJournal} whose feed lags,
 * whose reads complete on other threads, and which trims and loses entries when the test says.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseBroadcasterOnJournalTest {
  private final ScriptedJournal<String> journal = new ScriptedJournal<>(Runnable::run);

  @Test
  void publish_appendsToTheJournal_andSubscribersGetItFromTheFeed_withTheJournalsId() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 10);
    assertEquals(
        new dev.sluice.spi.BroadcastJournal.Retention(10, Duration.ofMinutes(1)),
        journal.retention,
        "the journal trims to the builder's history");
    Recorder<String> live = Recorder.requesting(10);
    broadcaster.subscribe(null).subscribe(live);

    SseEvent<String> published = broadcaster.publish("a");
    assertEquals("1", published.id());
    assertEquals(List.of(), live.data(), "not before this node follows it");

    journal.deliver();
    assertEquals(List.of("a"), live.data());
    assertEquals("1", live.items.get(0).id());
  }

  @Test
  void eventWithAnIdOfItsOwn_isRejected_forTheJournalGivesIds() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 10);
    assertThrows(
        IllegalArgumentException.class,
        () -> broadcaster.publish(SseEvent.builder().data("a").id("mine").build()));
    assertEquals(0, journal.size());
  }

  @Test
  void appendFailure_reachesThePublisher() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 10);
    PublishException down = new PublishException("unreachable");
    journal.appendFailure = down;
    assertSame(down, assertThrows(PublishException.class, () -> broadcaster.publish("a")));

    journal.appendFailure = new IllegalStateException("a journal that breaks its contract");
    PublishException wrapped = assertThrows(PublishException.class, () -> broadcaster.publish("b"));
    assertInstanceOf(IllegalStateException.class, wrapped.getCause());
  }

  @Test
  void idInThisNodesHistory_resumesHere_withoutReadingTheJournal() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 10);
    publishAndDeliver(broadcaster, 5);

    Recorder<String> resumed = Recorder.requesting(10);
    broadcaster.subscribe("2").subscribe(resumed);
    assertEquals(List.of("e-3", "e-4", "e-5"), resumed.data());
    assertEquals(0, journal.readCount.get());
  }

  @Test
  void idOlderThanThisNodesHistory_isReplayedFromTheJournal_thenJoinsTheHistory() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    publishAndDeliver(broadcaster, 300); // the history holds 298-300; the journal everything

    Recorder<String> resumed = Recorder.requesting(Long.MAX_VALUE);
    broadcaster.subscribe("2").subscribe(resumed);
    broadcaster.publish("e-301");
    journal.deliver();

    assertEquals(range(3, 301), resumed.data());
    assertEquals(ids(3, 301), ids(resumed));
    assertTrue(journal.readCount.get() >= 3, "pages of 128: " + journal.readCount.get());
  }

  @Test
  void idAheadOfThisNodesFeed_skipsWhatItHadOnceTheFeedCatchesUp() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 100);
    for (int i = 1; i <= 10; i++) {
      broadcaster.publish("e-" + i);
    }
    journal.deliverUpTo(4); // this node lags: the client saw e-8 on another

    Recorder<String> moved = Recorder.requesting(Long.MAX_VALUE);
    broadcaster.subscribe("8").subscribe(moved);
    assertEquals(List.of("e-9", "e-10"), moved.data(), "the journal's replay");
    journal.deliver();
    broadcaster.publish("e-11");
    journal.deliver();

    assertEquals(List.of("e-9", "e-10", "e-11"), moved.data());
  }

  @Test
  void replayWaitsForDemand_pageByPage() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    publishAndDeliver(broadcaster, 10);

    Recorder<String> resumed = Recorder.requesting(2);
    broadcaster.subscribe("1").subscribe(resumed);
    assertEquals(List.of("e-2", "e-3"), resumed.data());
    resumed.request(100);
    assertEquals(range(2, 10), resumed.data());
  }

  @Test
  void idTheJournalDoesNotHold_getsHistoryLost_carryingTheNewestIdFollowed() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    publishAndDeliver(broadcaster, 10);
    journal.trimBefore(6);

    for (String lost : List.of("3", "77", "not-an-id")) {
      Recorder<String> resumed = Recorder.requesting(10);
      broadcaster.subscribe(lost).subscribe(resumed);
      assertEquals(1, resumed.items.size(), lost + ": " + resumed.items);
      SseEvent<String> notice = resumed.items.get(0);
      assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, notice.event());
      assertEquals(lost, notice.data());
      assertEquals("10", notice.id());
    }
    // Back with the notice's id: resumed here, told nothing more.
    Recorder<String> again = Recorder.requesting(10);
    broadcaster.subscribe("10").subscribe(again);
    broadcaster.publish("e-11");
    journal.deliver();
    assertEquals(List.of("e-11"), again.data());
  }

  @Test
  void idTrimmedWhileItIsReplayed_disconnects_asAReaderBehindTheHistory() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    publishAndDeliver(broadcaster, 300);

    Recorder<String> resumed = Recorder.requesting(3);
    broadcaster.subscribe("1").subscribe(resumed); // the first page: e-2 .. e-129
    journal.trimBefore(200);
    resumed.request(1_000); // the rest of that page, then the read after e-129 finds it gone

    assertInstanceOf(SlowClientException.class, resumed.error);
    assertEquals(range(2, 129), resumed.data());
    assertEquals(0, broadcaster.subscriberCount());
  }

  @Test
  void failedRead_isTriedAgainAfterADelay() throws InterruptedException {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    publishAndDeliver(broadcaster, 10);
    journal.failingReads.set(2);

    Recorder<String> resumed = Recorder.requesting(100);
    broadcaster.subscribe("4").subscribe(resumed);
    assertEquals(List.of(), resumed.data());
    eventually(() -> resumed.items.size() == 6);
    assertEquals(range(5, 10), resumed.data());
    assertEquals(3, journal.readCount.get(), "two failures, then the page");
  }

  @Test
  void gapInTheFeed_toldToEverySubscriber_withTheLastIdBeforeIt() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 100);
    Recorder<String> reader = Recorder.requesting(100);
    broadcaster.subscribe(null).subscribe(reader);
    publishAndDeliver(broadcaster, 3);
    for (int i = 4; i <= 6; i++) {
      broadcaster.publish("e-" + i);
    }
    journal.loseUpTo(6); // trimmed while this node was away
    Recorder<String> joinedDuringTheGap = Recorder.requesting(100);
    broadcaster.subscribe(null).subscribe(joinedDuringTheGap);
    broadcaster.publish("e-7");
    journal.deliver();

    assertEquals(List.of("e-1", "e-2", "e-3", "3", "e-7"), reader.data());
    SseEvent<String> notice = reader.items.get(3);
    assertEquals(SseBroadcaster.HISTORY_LOST_EVENT, notice.event());
    assertEquals("3", notice.id(), "a reconnect with it resumes from a node that has e-4");
    assertEquals(List.of("e-7"), joinedDuringTheGap.data(), "it lost nothing: it came live");

    Recorder<String> resumedBeforeTheGap = Recorder.requesting(100);
    broadcaster.subscribe("2").subscribe(resumedBeforeTheGap);
    assertEquals(List.of("e-3", "3", "e-7"), resumedBeforeTheGap.data());
  }

  @Test
  void stats_showTheHistoryAndTheJournal_andCloseClosesTheJournal() {
    SseBroadcaster<String> broadcaster = onJournal(journal, 3);
    assertEquals("0", broadcaster.stats().newestId(), "where following started");
    publishAndDeliver(broadcaster, 5);
    BroadcastStats stats = broadcaster.stats();
    assertEquals(3, stats.retainedEvents());
    assertEquals("5", stats.newestId());
    assertTrue(stats.journal().connected());
    assertNull(SseBroadcaster.create().stats().journal());

    broadcaster.close();
    assertTrue(journal.closed);
  }

  /**
   * The race the seam exists for: subscribers resume from random ids (in this node's history, older
   * than it, ahead of its lagging feed) while events are published and followed in random batches,
   * and replay pages complete on other threads. Each gets every event after its id, once, in order.
   */
  @Test
  void replayRacingTheFeed_neverLosesNorRepeatsAnEvent() throws Exception {
    int events = 2_000;
    int subscribers = 120;
    int history = 64;
    int maxBatch = 24; // the feed lags by up to this many events
    ExecutorService readers = Executors.newFixedThreadPool(2);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ScriptedJournal<String> racing = new ScriptedJournal<>(delayed(readers));
    SseBroadcaster<String> broadcaster =
        SseBroadcaster.<String>builder()
            .history(history, Duration.ofMinutes(5))
            .slowClients(SlowClientPolicy.disconnect(history, Duration.ofMinutes(5)))
            .executor(Runnable::run)
            .journal(racing)
            .build();
    List<Resumed> resumed = new CopyOnWriteArrayList<>();
    try {
      Future<?> feeder =
          pool.submit(
              () -> {
                int delivered = 0;
                int batch = 1;
                for (int i = 1; i <= events; i++) {
                  // Subscribers join all along the broadcast, however the threads are scheduled.
                  int joined = (int) ((long) subscribers * (i - 1) / events);
                  eventually(() -> resumed.size() >= joined);
                  broadcaster.publish("e-" + i);
                  if (i - delivered >= batch || i == events) {
                    // Subscribers that joined the history keep within it, as real readers are kept
                    // by their policy: this test is about the replay's seam, not about slow
                    // readers.
                    int floor = delivered - maxBatch;
                    eventually(
                        () ->
                            resumed.stream()
                                .allMatch(reader -> reader.failed() || reader.lastSeen() >= floor));
                    racing.deliver();
                    delivered = i;
                    batch = ThreadLocalRandom.current().nextInt(1, maxBatch + 1);
                  }
                }
                return null;
              });
      List<Future<?>> joins = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        joins.add(
            pool.submit(
                () -> {
                  while (resumed.size() < subscribers) {
                    int published = racing.size();
                    if (published == 0) {
                      Thread.sleep(1);
                      continue;
                    }
                    Resumed reader =
                        new Resumed(ThreadLocalRandom.current().nextInt(1, published + 1));
                    resumed.add(reader);
                    broadcaster
                        .subscribe(Integer.toString(reader.after))
                        .subscribe(reader.recorder);
                    Thread.sleep(1);
                  }
                  return null;
                }));
      }
      feeder.get(40, TimeUnit.SECONDS);
      for (Future<?> join : joins) {
        join.get(10, TimeUnit.SECONDS);
      }
      assertTrue(resumed.size() >= subscribers, resumed.size() + " subscribed");
      for (Resumed reader : resumed) {
        eventually(() -> reader.failed() || reader.lastSeen() == events);
        assertNull(reader.recorder.error);
        assertEveryIdOnce(reader.after + 1, events, ids(reader.recorder));
      }
      assertTrue(racing.readCount.get() > 0, "some resumed from the journal");
    } finally {
      pool.shutdownNow();
      readers.shutdownNow();
    }
  }

  /** A subscriber that resumed after an id. */
  private static final class Resumed {
    final int after;
    final Recorder<String> recorder = Recorder.requesting(Long.MAX_VALUE);

    Resumed(int after) {
      this.after = after;
    }

    int lastSeen() {
      List<SseEvent<String>> items = recorder.items;
      return items.isEmpty() ? after : Integer.parseInt(items.get(items.size() - 1).id());
    }

    boolean failed() {
      return recorder.error != null;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers

  private static SseBroadcaster<String> onJournal(ScriptedJournal<String> journal, int history) {
    return SseBroadcaster.<String>builder()
        .history(history, Duration.ofMinutes(1))
        .slowClients(SlowClientPolicy.disconnect(history, Duration.ofMinutes(1)))
        .executor(Runnable::run)
        .journal(journal)
        .build();
  }

  private void publishAndDeliver(SseBroadcaster<String> broadcaster, int events) {
    publishAndDeliver(broadcaster, events, journal);
  }

  private static void publishAndDeliver(
      SseBroadcaster<String> broadcaster, int events, ScriptedJournal<String> journal) {
    for (int i = 1; i <= events; i++) {
      broadcaster.publish("e-" + i);
    }
    journal.deliver();
  }

  /** Completes reads on {@code pool}, after a random pause of up to a millisecond. */
  private static Executor delayed(ExecutorService pool) {
    return task ->
        pool.execute(
            () -> {
              java.util.concurrent.locks.LockSupport.parkNanos(
                  ThreadLocalRandom.current().nextLong(1_000_000));
              task.run();
            });
  }

  private static List<String> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "e-" + i).collect(Collectors.toList());
  }

  private static List<String> ids(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.toList());
  }

  /** The ids {@code from} to {@code to}, each once, in order; the first wrong one if not. */
  private static void assertEveryIdOnce(int from, int to, List<String> got) {
    for (int i = 0; i < got.size(); i++) {
      assertEquals(
          Integer.toString(from + i),
          got.get(i),
          "resumed after "
              + (from - 1)
              + ", at index "
              + i
              + " of "
              + got.size()
              + ": a gap or a duplicate");
    }
    assertEquals(to - from + 1, got.size(), "resumed after " + (from - 1));
  }

  private static List<String> ids(Recorder<String> recorder) {
    return recorder.items.stream().map(SseEvent::id).collect(Collectors.toList());
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 10 s");
      Thread.sleep(5);
    }
  }
}
