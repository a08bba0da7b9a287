package dev.sluice.samples.production;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher that checks how its subscriber treats it: it counts {@code request} and {@code
 * cancel} calls that overlap (Reactive Streams rule 2.7 says they must be serial) and calls made
 * after it completed (rule 2.4). To give overlaps every chance, it emits events from a thread of
 * its own and lingers inside {@code request}; it completes inside the first {@code request} after
 * its last event, so that any later call is a call after completion.
 */
final class ContractCheckingPublisher implements Flow.Publisher<String> {
  final AtomicInteger overlappingCalls = new AtomicInteger();
  final AtomicInteger callsAfterCompletion = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  private final int events;

  /** One thread: emission is serial, as rule 1.3 asks of a publisher. */
  private final ExecutorService emitter =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "contract-emitter");
            t.setDaemon(true);
            return t;
          });

  ContractCheckingPublisher(int events) {
    this.events = events;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super String> subscriber) {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private final AtomicInteger inCall = new AtomicInteger();
          private final AtomicLong demand = new AtomicLong();
          private volatile boolean completed;
          private int sent; // guarded by this: signals go out one at a time (rule 1.3)

          @Override
          public void request(long n) {
            enter();
            try {
              requests.incrementAndGet();
              synchronized (this) {
                if (sent == events && !completed) {
                  completed = true;
                  subscriber.onComplete();
                  return;
                }
              }
              demand.addAndGet(n);
              emitter.execute(this::emit);
              Thread.yield(); // linger, so that an overlapping call would be seen
            } finally {
              exit();
            }
          }

          @Override
          public void cancel() {
            enter();
            exit();
          }

          private synchronized void emit() {
            while (!completed && sent < events && demand.get() > 0) {
              demand.decrementAndGet();
              subscriber.onNext("event " + sent++);
            }
          }

          private void enter() {
            if (completed) {
              callsAfterCompletion.incrementAndGet();
            }
            if (inCall.incrementAndGet() > 1) {
              overlappingCalls.incrementAndGet();
            }
          }

          private void exit() {
            inCall.decrementAndGet();
          }
        });
  }
}
