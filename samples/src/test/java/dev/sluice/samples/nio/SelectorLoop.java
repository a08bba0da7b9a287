package dev.sluice.samples.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread and one {@link Selector} driving many non-blocking channels, so that a test can hold a
 * thousand streams open without a thousand threads: the loop of the samples' test clients ({@code
 * SseLoadClient}, {@code ResumingClients}). Each round runs the owner's {@link
 * Rounds#beforeSelect}, selects, runs the tasks queued from other threads, and hands each ready key
 * to the {@link Handler} attached to it.
 *
 * <p>Threading: channels are registered before {@link #start()} or on the loop thread; everything
 * else reaches the loop through {@link #execute}. {@link #close()} stops the thread and waits for
 * it. The benchmarks have a loop of the same shape of their own ({@code
 * dev.sluice.bench.load.SelectorLoop}): that module is built only with {@code -Pbenchmarks}, and is
 * no dependency of the tests.
 */
public final class SelectorLoop implements AutoCloseable {
  /** What a registered channel's key carries: called on the loop thread when the key is ready. */
  public interface Handler {
    /** Handles the ready operations; an I/O error is the handler's to report and close on. */
    void ready(SelectionKey key);
  }

  /** The owner's part of each round, on the loop thread. */
  public interface Rounds {
    /**
     * Before each select (connections to start, timers): how long the select may wait, in
     * milliseconds; 0 waits until a key is ready or a task is queued.
     */
    default long beforeSelect() {
      return 0;
    }

    /** The loop is ending (closed, or failed): close what is still open. */
    default void exiting() {}
  }

  private final Selector selector;
  private final Thread thread;
  private final Rounds rounds;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private volatile Throwable failure;

  /** Opens the selector; the thread, named {@code name}, waits for {@link #start()}. */
  public SelectorLoop(String name, Rounds rounds) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * Runs {@code task} on the loop thread: now when called on it, else in its next round; never once
   * the loop is closed (its exit closed everything).
   */
  public void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
      return;
    }
    if (closed) {
      return;
    }
    tasks.add(task);
    selector.wakeup();
  }

  /** What ended the loop before it was closed (a handler's exception, say), or null. */
  public Throwable failure() {
    return failure;
  }

  /**
   * Stops the loop and waits for its thread (10 s at most), which runs {@link Rounds#exiting} and
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
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try {
      while (!closed) {
        selector.select(rounds.beforeSelect());
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          ((Handler) key.attachment()).ready(key);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
      throw new IllegalStateException(thread.getName() + " failed", e);
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
