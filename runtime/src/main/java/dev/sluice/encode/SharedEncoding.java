package dev.sluice.encode;

import java.util.Arrays;

/**
 * Where an event sent to many streams keeps its encoded bytes, so that the route's encoder
 * writes it once however many subscribers it has: an {@code SseBroadcaster} attaches one to
 * every event it publishes. Holds the bytes of the first encoder to ask; another encoder (the
 * same event on a second endpoint) encodes as usual. Thread-safe; once the bytes are there,
 * every subscriber of the broadcast reads them without taking a lock.
 */
public final class SharedEncoding {
  private volatile Encoded first;

  /** Appends the event's bytes for {@code by}, encoding them with {@code encode} only once. */
  void write(Object by, Utf8Buffer out, Runnable encode) {
    if (appendIfEncodedBy(by, out)) {
      return;
    }
    synchronized (this) { // the first encoding, or another encoder's
      if (appendIfEncodedBy(by, out)) {
        return;
      }
      int start = out.size();
      encode.run();
      if (first == null) {
        first = new Encoded(by, Arrays.copyOfRange(out.array(), start, out.size()));
      }
    }
  }

  private boolean appendIfEncodedBy(Object by, Utf8Buffer out) {
    Encoded encoded = first;
    if (encoded != null && encoded.encoder == by) {
      out.append(encoded.bytes);
      return true;
    }
    return false;
  }

  private record Encoded(Object encoder, byte[] bytes) {}
}
