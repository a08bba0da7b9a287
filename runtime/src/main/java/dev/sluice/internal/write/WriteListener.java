package dev.sluice.internal.write;

/** What an {@link EventStreamWriter} tells the driver feeding it. Called on the I/O thread. */
public interface WriteListener {
  /**
   * Events were written and flushed.
   *
   * @param events how many
   * @param bytes how many bytes they took
   * @param bufferedBytes bytes encoded and not yet written, after this write
   */
  void written(int events, long bytes, long bufferedBytes);

  /** The event stream closed before its producer ended: stop producing, release everything. */
  void closed();
}
