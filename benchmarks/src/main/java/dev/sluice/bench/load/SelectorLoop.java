package dev.sluice.bench.load;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread and one {@link Selector} driving many non-blocking channels: the loop every raw client
 * of the benchmarks runs ({@link LoadClient}, {@link H2cClient}, the attacks' slowloris and h2c
 * flood), so that thousands of connections need no thousands of threads. Each round selects (for at
 * most {@code selectMillis}), runs the tasks queued from other threads, hands each ready key to the
 * {@link Handler} attached to it, and then runs the owner's {@link Rounds#afterSelect}.
 *
 * <p>Threading: channels are registered before {@link #start()} or on the loop thread; everything
 * else reaches the loop through {@link #execute}. {@link #close()} stops the thread and waits for
 * it, so what the loop thread wrote is visible to the closing thread afterwards. The samples' tests
 * have a loop of the same shape of their own: this module is built only for the benchmarks, and is
 * no dependency of theirs.
 */
public final class SelectorLoop implements AutoCloseable {
  /** What a registered channel's key carries: called on the loop thread when the key is ready. */
  public interface Handler {
    /** Handles the ready operations; an I/O error is the handler's to report and close on. */
    void ready(SelectionKey key);
  }

  /** The owner's part of each round, on the loop thread. */
  public interface Rounds {
    /** After the ready keys of a round: writes gathered over it, timers. */
    default void afterSelect() {}

    /** The loop is ending (closed, or its selector failed): close what is still open. */
    default void exiting() {}
  }

  private final Selector selector;
  private final Thread thread;
  private final long selectMillis;
  private final Rounds rounds;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * Opens the selector; the thread, named {@code name}, waits for {@link #start()}.
   *
   * @param selectMillis the longest one select waits: how late {@link Rounds#afterSelect} may run
   */
  public SelectorLoop(String name, long selectMillis, Rounds rounds) throws IOException {
    this.selector = Selector.open();
    this.selectMillis = selectMillis;
    this.rounds = rounds;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Registers {@code channel} for {@code ops}; before {@link #start()} or on the loop thread. */
  public SelectionKey register(SelectableChannel channel, int ops, Handler handler)
      throws ClosedChannelException {
    return channel.register(selector, ops, handler);
  }

  /** Runs {@code task} on the loop thread: now when called on it, else in its next round. */
  public void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  /**
   * Stops the loop and waits for its thread (5 s at most), which runs {@link Rounds#exiting} and
   * closes the selector on its way out.
   */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    if (thread.getState() == Thread.State.NEW) {
      closeSelector(); // never started
      return;
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller's loops check it
    }
  }

  private void loop() {
    try {
      while (!closed) {
        selector.select(selectMillis);
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          ((Handler) key.attachment()).ready(key);
        }
        rounds.afterSelect();
      }
    } catch (IOException e) {
      throw new IllegalStateException(thread.getName() + " selector failed", e);
    } finally {
      try {
        rounds.exiting();
      } finally {
        closeSelector();
      }
    }
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException ignored) {
      // Nothing left to release.
    }
  }
}
