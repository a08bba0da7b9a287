package dev.sluice.samples.production;

import dev.sluice.SseBroadcaster;
import dev.sluice.SseEvent;
import dev.sluice.annotation.SseEndpoint;
import java.util.concurrent.Flow;

/** Quiet and busy streams, with the server's heartbeat and with their own. */
public class HeartbeatEndpoints {
  final SseBroadcaster<String> busy = SseBroadcaster.create();
  private final SseBroadcaster<String> never = SseBroadcaster.create();

  @SseEndpoint("/production/heartbeat/idle")
  public Flow.Publisher<SseEvent<String>> idle() {
    return never.subscribe(null);
  }

  @SseEndpoint("/production/heartbeat/busy")
  public Flow.Publisher<SseEvent<String>> busy() {
    return busy.subscribe(null);
  }

  @SseEndpoint(value = "/production/heartbeat/off", heartbeat = "PT0S")
  public Flow.Publisher<SseEvent<String>> off() {
    return never.subscribe(null);
  }

  @SseEndpoint(value = "/production/heartbeat/own", heartbeat = "PT0.2S")
  public Flow.Publisher<SseEvent<String>> own() {
    return never.subscribe(null);
  }
}
