package dev.sluice.encode;

/**
 * Where an event sent to many streams keeps its encoded bytes, so that the route's encoder
 * writes it once however many subscribers it has: an {@code SseBroadcaster} attaches one to
 * every event it publishes. Holds the bytes of the first encoder to ask; another encoder (the
 * same event on a second endpoint) encodes as usual. Thread-safe.
 */
public final class SharedEncoding {
  private Object encoder;
  private byte[] bytes;

  /** Appends the event's bytes for {@code by}, encoding them with {@code encode} only once. */
  synchronized void write(Object by, Utf8Buffer out, Runnable encode) {
    if (encoder == by) {
      out.append(bytes);
      return;
    }
    int start = out.size();
    encode.run();
    if (encoder == null) {
      encoder = by;
      bytes = java.util.Arrays.copyOfRange(out.array(), start, out.size());
    }
  }
}
