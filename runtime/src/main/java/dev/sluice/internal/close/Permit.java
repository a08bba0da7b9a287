package dev.sluice.internal.close;

import dev.sluice.SseStats.CloseReason;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One admitted event stream's place, held from admission to the end of its exchange, and released
 * exactly once: by the exchange's completion listener, which every way a request ends passes
 * through, or by the event stream's own close, since Undertow does not complete an HTTP/2 exchange
 * whose HTTP/2 stream the client reset. Thread-safe.
 */
public final class Permit {
  private final EventStreams streams;
  private final AtomicInteger forEndpoint;
  private final Object client;
  private Place place = Place.NONE;
  private Ending opened;
  private CloseReason reason;
  private boolean released;

  Permit(EventStreams streams, AtomicInteger forEndpoint, Object client) {
    this.streams = streams;
    this.forEndpoint = forEndpoint;
    this.client = client;
  }

  /** Its place on its HTTP/2 connection, given back with this one. */
  public synchronized void holding(Place connectionPlace) {
    place = connectionPlace;
  }

  /**
   * The event stream opened: a shutdown from now on ends it, and one already under way ends it at
   * once.
   */
  public void opened(Ending stream) {
    synchronized (this) {
      if (released) {
        return;
      }
      opened = stream;
    }
    streams.opened(stream);
  }

  /** How the event stream ended, counted when it is released; the first reason holds. */
  public synchronized void ended(CloseReason why) {
    if (reason == null) {
      reason = why;
    }
  }

  /** Gives the place back; once, whoever calls it first. */
  public synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    CloseReason why = null;
    if (opened != null) {
      why = reason != null ? reason : CloseReason.CLIENT;
    }
    streams.released(forEndpoint, client, opened, why);
    place.release(why == CloseReason.CLIENT);
  }
}
