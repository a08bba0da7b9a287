package dev.sluice.samples.redis;

import dev.sluice.client.MessageEvent;
import dev.sluice.client.SseClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A client of the cluster, reading {@code /feed} with {@code sluice-client} from one node at a
 * time. It can hop: after {@code hopAfter} events it hangs up and resumes on the next node with its
 * last id. A stream that ends without being asked to (its node stopped) is resumed on the next node
 * too, and counted as a failover.
 */
final class Reader {
  private final IntFunction<SseClient> nodes;
  private final int nodeCount;
  private final Executor reconnects;
  private final int hopAfter;
  private int node;
  final List<String> ids = new CopyOnWriteArrayList<>();
  final List<String> types = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger failovers = new AtomicInteger();
  volatile Throwable lastEnd;

  /**
   * @param nodes the client of node {@code i}
   * @param hopAfter events after which it moves to the next node once, or -1 to stay
   */
  Reader(
      IntFunction<SseClient> nodes,
      int nodeCount,
      int firstNode,
      int hopAfter,
      Executor reconnects) {
    this.nodes = nodes;
    this.nodeCount = nodeCount;
    this.node = firstNode;
    this.hopAfter = hopAfter;
    this.reconnects = reconnects;
  }

  synchronized void connect() {
    connections.incrementAndGet();
    String last = ids.isEmpty() ? null : ids.get(ids.size() - 1);
    var request = nodes.apply(node).request("/feed").reconnect(false);
    if (last != null) {
      request.lastEventId(last);
    }
    request.publisher().subscribe(new Connection());
  }

  String last() {
    return ids.isEmpty() ? null : ids.get(ids.size() - 1);
  }

  private synchronized void moveOn(boolean failover) {
    if (failover) {
      failovers.incrementAndGet();
    }
    node = (node + 1) % nodeCount;
    // A node that is gone fails the next connect at once: never loop without a pause.
    Executor later =
        failover
            ? CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS, reconnects)
            : reconnects;
    later.execute(this::connect);
  }

  /** One response: a subscriber is subscribed once, so each connection gets its own. */
  private final class Connection implements Flow.Subscriber<MessageEvent<String>> {
    private Flow.Subscription subscription;
    private boolean hungUp;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(MessageEvent<String> event) {
      if (hungUp) {
        return;
      }
      ids.add(event.lastEventId());
      types.add(event.type());
      if (ids.size() == hopAfter) {
        hungUp = true;
        subscription.cancel();
        moveOn(false);
      }
    }

    @Override
    public void onError(Throwable failure) {
      ended(failure);
    }

    @Override
    public void onComplete() {
      ended(null);
    }

    private void ended(Throwable failure) {
      if (!hungUp) {
        hungUp = true;
        lastEnd = failure;
        moveOn(true);
      }
    }
  }
}
