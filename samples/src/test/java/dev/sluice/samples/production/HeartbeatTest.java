package dev.sluice.samples.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.samples.production.SseLoadClient.Connection;
import dev.sluice.test.SluiceExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Heartbeat comments: after an idle interval, never while events flow, off when asked. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HeartbeatTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final HeartbeatEndpoints endpoints = new HeartbeatEndpoints();

  @RegisterExtension final SluiceExtension sluice = Servers.serving(endpoints);

  /** This test's server, with a heartbeat every 200 ms, and a client for it. */
  private SseLoadClient beatingEvery200ms() {
    return sluice
        .server(server -> server.heartbeat(Duration.ofMillis(200)))
        .client(SseLoadClient.class);
  }

  @Test
  void idleStream_getsABareCommentAfterEachInterval() throws Exception {
    SseLoadClient client = beatingEvery200ms();
    Connection idle = client.request("/production/heartbeat/idle").open();
    assertTrue(idle.awaitHead(WAIT), idle.toString());
    long opened = System.nanoTime();

    assertTrue(idle.await(c -> c.commentCount() >= 1, WAIT), idle.toString());
    long firstMillis = (System.nanoTime() - opened) / 1_000_000;
    assertTrue(
        firstMillis >= 150 && firstMillis < 1_500,
        "the first heartbeat came " + firstMillis + " ms after the headers, not about 200");

    assertTrue(idle.await(c -> c.commentCount() >= 4, WAIT), idle.toString());
    long everyMillis = (System.nanoTime() - opened) / 1_000_000 / 4;
    assertTrue(everyMillis >= 150, "heartbeats every " + everyMillis + " ms, not about 200");
    assertTrue(
        idle.comments().stream().allMatch(String::isEmpty),
        "heartbeats are bare ':' lines: " + idle.comments());
    assertEquals(0, idle.eventCount());
    assertTrue(sluice.stats().heartbeats() >= 4, sluice.stats().toString());
  }

  @Test
  void streamWithEventsEvery50ms_getsNoHeartbeat() throws Exception {
    SseLoadClient client = beatingEvery200ms();
    Connection busy = client.request("/production/heartbeat/busy").open();
    assertTrue(busy.awaitHead(WAIT), busy.toString());
    Probes.eventually(WAIT, () -> endpoints.busy.subscriberCount() == 1, () -> "subscribed");
    // The machine is shared: when this thread is descheduled for most of an interval the
    // stream really was idle, and a heartbeat is right. Such a run proves nothing; try again.
    int events = 24;
    for (int attempt = 0; ; attempt++) {
      long heartbeatsBefore = sluice.stats().heartbeats();
      long commentsBefore = busy.commentCount();
      long eventsBefore = busy.eventCount();
      long longestGapMillis = 0;
      long last = System.nanoTime();
      for (int i = 0; i < events; i++) {
        endpoints.busy.publish("tick " + i);
        long now = System.nanoTime();
        longestGapMillis = Math.max(longestGapMillis, (now - last) / 1_000_000);
        last = now;
        Thread.sleep(50);
      }
      assertTrue(busy.awaitEvents(eventsBefore + events, WAIT), busy.toString());
      if (longestGapMillis > 120 && attempt < 3) {
        continue;
      }
      assertEquals(
          commentsBefore,
          busy.commentCount(),
          "no comment on the wire while events flow (longest gap " + longestGapMillis + " ms)");
      assertEquals(heartbeatsBefore, sluice.stats().heartbeats());
      break;
    }

    // The same stream, once quiet, does get them: the interval was on all along.
    assertTrue(busy.await(c -> c.commentCount() >= 1, WAIT), busy.toString());
  }

  @Test
  void endpointWithHeartbeatZero_getsNoneWhileTheServersDefaultApplies() throws Exception {
    SseLoadClient client = beatingEvery200ms();
    Connection off = client.request("/production/heartbeat/off").open();
    Connection idle = client.request("/production/heartbeat/idle").open();
    assertTrue(off.awaitHead(WAIT), off.toString());
    assertTrue(idle.awaitHead(WAIT), idle.toString());

    assertTrue(idle.await(c -> c.commentCount() >= 4, WAIT), idle.toString());
    Thread.sleep(200);
    assertEquals(List.of(), off.comments(), "heartbeat = \"PT0S\" turns them off");
    assertEquals(200, off.status());
  }

  @Test
  void endpointHeartbeat_overridesTheServersInterval() throws Exception {
    SseLoadClient client = sluice.client(SseLoadClient.class); // 15 s by default
    Connection own = client.request("/production/heartbeat/own").open();
    Connection idle = client.request("/production/heartbeat/idle").open();
    assertTrue(own.awaitHead(WAIT), own.toString());
    assertTrue(idle.awaitHead(WAIT), idle.toString());

    assertTrue(
        own.await(c -> c.commentCount() >= 3, Duration.ofSeconds(3)),
        "heartbeat = \"PT0.2S\" sends one every 200 ms: " + own);
    assertEquals(0, idle.commentCount(), "the server's 15 s interval still applies elsewhere");
  }
}
