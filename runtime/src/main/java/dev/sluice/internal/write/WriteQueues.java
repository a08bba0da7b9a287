package dev.sluice.internal.write;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.xnio.XnioIoThread;

/** One {@link WriteQueue} per I/O thread of a server. */
public final class WriteQueues {
  private final ConcurrentMap<XnioIoThread, WriteQueue> byThread = new ConcurrentHashMap<>();

  WriteQueue of(XnioIoThread ioThread) {
    return byThread.computeIfAbsent(ioThread, WriteQueue::new);
  }
}
