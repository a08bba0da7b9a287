package dev.sluice.internal.drive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for blocking sources ({@code Stream} endpoints), which hold a thread for as long as their
 * client stays. Undertow's worker pool (cores x 8) would cap the server at a handful of such
 * clients, so they get threads of their own: a virtual thread each on Java 21 and later (found at
 * run time, since Sluice targets 17), otherwise an elastic pool of platform threads that grows to a
 * bound and refuses past it (the server answers 503).
 */
public final class BlockingThreads implements AutoCloseable {
  private final ExecutorService executor;

  private BlockingThreads(ExecutorService executor) {
    this.executor = executor;
  }

  /**
   * @param maxPlatformThreads the bound when virtual threads are not available
   */
  public static BlockingThreads create(int maxPlatformThreads) {
    ExecutorService virtualThreads = virtualThreadPerTask();
    if (virtualThreads != null) {
      return new BlockingThreads(virtualThreads);
    }
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread t = new Thread(task, "sluice-stream-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0, maxPlatformThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    return new BlockingThreads(pool);
  }

  private static ExecutorService virtualThreadPerTask() {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Java 17 to 20
    } catch (Throwable e) {
      throw new IllegalStateException("Cannot create virtual threads", e);
    }
  }

  /**
   * @throws RejectedExecutionException when the platform pool is at its bound
   */
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
