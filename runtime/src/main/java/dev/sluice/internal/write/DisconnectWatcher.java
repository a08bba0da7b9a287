package dev.sluice.internal.write;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Notices an HTTP/1.1 client closing its connection while its event stream is idle. Undertow stops
 * reading a connection once it has parsed a request, so without this a closed client is seen only
 * when a later write fails, which on a quiet stream may be minutes away. HTTP/2 needs no watcher:
 * its framing layer keeps reading and closes the HTTP/2 stream on a reset or a lost peer.
 *
 * <p>All methods run on the connection's I/O thread.
 */
final class DisconnectWatcher implements ChannelListener<ConduitStreamSourceChannel> {
  private final ConduitStreamSourceChannel source;
  private final ChannelListener<? super ConduitStreamSourceChannel> previous;
  private final Runnable onClosed;
  private final ByteBuffer discard = ByteBuffer.allocate(64);
  private boolean sawBytes;

  private DisconnectWatcher(ConduitStreamSourceChannel source, Runnable onClosed) {
    this.source = source;
    this.previous = source.getReadListener();
    this.onClosed = onClosed;
  }

  /** Starts watching, or returns null when the protocol needs no watcher (HTTP/2). */
  static DisconnectWatcher install(HttpServerExchange exchange, Runnable onClosed) {
    if (!(exchange.getConnection() instanceof AbstractServerConnection)) {
      return null;
    }
    ConduitStreamSourceChannel source =
        ((AbstractServerConnection) exchange.getConnection()).getChannel().getSourceChannel();
    DisconnectWatcher watcher = new DisconnectWatcher(source, onClosed);
    source.setReadListener(watcher);
    source.resumeReads();
    return watcher;
  }

  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    try {
      while (true) {
        discard.clear();
        int n = channel.read(discard);
        if (n == 0) {
          return;
        }
        if (n < 0) {
          channel.suspendReads();
          onClosed.run();
          return;
        }
        // A client may not send a request while its event stream is open (no pipelining past an
        // endless response); whatever it sends is dropped, and the connection is not reused.
        sawBytes = true;
      }
    } catch (IOException e) {
      channel.suspendReads();
      onClosed.run();
    }
  }

  /**
   * Stops watching and gives the channel back to Undertow's request parser.
   *
   * @return false when the client sent bytes that were dropped, so the connection must not be
   *     reused for another request
   */
  boolean uninstall() {
    source.suspendReads();
    source.setReadListener(previous);
    return !sawBytes;
  }
}
