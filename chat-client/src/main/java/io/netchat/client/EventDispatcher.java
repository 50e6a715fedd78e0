package io.netchat.client;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listener calls and future completions on one thread of their own, in submission order,
 * so that user code never runs on (or blocks) the event loop. When more than {@link #HIGH_WATER}
 * tasks wait, it asks the connection to stop reading ({@code readGate.accept(false)}) and resumes
 * it below {@link #LOW_WATER}: a slow listener slows the socket instead of growing the heap.
 *
 * <p>The thread is a Netty {@link DefaultEventExecutor} (whose task hand-off never blocks the
 * submitting event loop) running on a plain thread, on which user code may block.
 */
final class EventDispatcher {
  /** Queued tasks at which reading pauses. */
  static final int HIGH_WATER = 1024;
  /** Queued tasks at which reading resumes. */
  static final int LOW_WATER = 256;

  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final EventExecutor executor;
  private final Consumer<Boolean> readGate;
  private final Object lock = new Object();
  private int queued;
  private boolean paused;

  EventDispatcher(String threadName, Consumer<Boolean> readGate) {
    this.readGate = readGate;
    this.executor = new DefaultEventExecutor(runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Queues {@code task}. Once the dispatcher is shut down the task runs on the caller's thread
   * instead, so that a future failed after close still completes.
   */
  void submit(Runnable task) {
    synchronized (lock) {
      queued++;
      if (queued >= HIGH_WATER && !paused) {
        paused = true;
        readGate.accept(false);
      }
    }
    try {
      executor.execute(() -> run(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      run(task);
    }
  }

  /** Whether reading is currently paused by this dispatcher. */
  boolean paused() {
    synchronized (lock) {
      return paused;
    }
  }

  /** Whether the caller is the dispatcher's own thread. */
  boolean inDispatcherThread() {
    return executor.inEventLoop();
  }

  /** Runs the queued tasks, then stops; waits up to {@code millis} unless called from the dispatcher itself. */
  void shutdown(long millis) {
    executor.shutdownGracefully(0, millis, TimeUnit.MILLISECONDS);
    if (!inDispatcherThread()) {
      try {
        if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
          log.warn("listener still busy after {} ms at close", millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("listener or callback failed", e);
    } finally {
      done();
    }
  }

  private void done() {
    synchronized (lock) {
      queued--;
      if (paused && queued <= LOW_WATER) {
        paused = false;
        readGate.accept(true);
      }
    }
  }
}
