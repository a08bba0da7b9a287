package dev.sluice.samples.production;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Streams that block their thread as a real feed does while it waits for its next item. */
final class BlockingStreams {
  private BlockingStreams() {}

  /**
   * {@code first}, then whatever {@code queue} yields, blocking while it is empty. The stream ends
   * quietly when its thread is interrupted, which is how the server stops it.
   */
  static Stream<String> of(String first, BlockingQueue<String> queue, Runnable onClose) {
    Spliterator<String> items =
        new Spliterators.AbstractSpliterator<String>(Long.MAX_VALUE, Spliterator.ORDERED) {
          private boolean sentFirst;

          @Override
          public boolean tryAdvance(Consumer<? super String> action) {
            if (!sentFirst) {
              sentFirst = true;
              action.accept(first);
              return true;
            }
            try {
              action.accept(queue.take());
              return true;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return false;
            }
          }
        };
    return StreamSupport.stream(items, false).onClose(onClose);
  }

  /** {@code first}, then nothing until interrupted. */
  static Stream<String> hanging(String first, Runnable onClose) {
    return of(first, new LinkedBlockingQueue<>(), onClose);
  }
}
