package dev.sluice.internal;

/** What an {@link SseConnection} tells the driver feeding it. Called on the I/O thread. */
interface StreamListener {
  /**
   * Events were written and flushed.
   *
   * @param events how many
   * @param bytes how many bytes they took
   * @param bufferedBytes bytes encoded and not yet written, after this write
   */
  void written(int events, long bytes, long bufferedBytes);

  /** The connection closed before the stream ended: stop producing and release everything. */
  void closed();
}
