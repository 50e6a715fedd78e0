package io.netchat.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The threads that hash passwords, off the event loops. At most {@code threads + queue} hashes are
 * in progress or waiting; one more is refused at once ({@link Full}), never queued, so a login
 * storm costs bounded memory and the caller can answer {@code unavailable}. Submitting never
 * blocks or parks the caller (a lock-free queue, and an unpark of an idle worker), so an event
 * loop may submit.
 */
public final class HashingPool implements AutoCloseable {
  /** A parked worker looks at the queue at least this often, whatever wakes it. */
  private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** The pool is full: the caller answers {@code unavailable} (temporary). */
  public static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full(String message) {
      super(message, null, false, false);
    }
  }

  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Thread> idle = new ConcurrentLinkedQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private final int threads;
  private final int capacity;
  private final AtomicInteger admitted = new AtomicInteger();
  private volatile boolean closed;
  private volatile boolean started;

  public HashingPool(int threads, int queue) {
    if (threads < 1 || queue < 0) {
      throw new IllegalArgumentException("threads must be >= 1 and queue >= 0, got " + threads + ", " + queue);
    }
    this.threads = threads;
    this.capacity = threads + queue;
  }

  /** Starts the workers on the first hash: a server that never hashes (most tests) never has them. */
  private void startWorkers() {
    synchronized (workers) {
      if (!workers.isEmpty() || closed) {
        return;
      }
      for (int i = 1; i <= threads; i++) {
        Thread worker = new Thread(this::work, "netchat-hash-" + i);
        worker.setDaemon(true);
        workers.add(worker);
        worker.start();
      }
    }
  }

  /** Runs {@code work} on a hashing thread; fails with {@link Full} at once when the pool is full. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    if (closed) {
      return CompletableFuture.failedFuture(new Full("password hashing has stopped"));
    }
    int n;
    do {
      n = admitted.get();
      if (n >= capacity) {
        return CompletableFuture.failedFuture(new Full("all " + capacity + " password hashing slots are busy"));
      }
    } while (!admitted.compareAndSet(n, n + 1));
    if (!started) {
      started = true;
      startWorkers();
    }
    CompletableFuture<T> done = new CompletableFuture<>();
    queue.add(() -> {
      try {
        done.complete(work.get());
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      } finally {
        admitted.decrementAndGet();
      }
    });
    Thread sleeper = idle.poll();
    if (sleeper != null) {
      LockSupport.unpark(sleeper);
    }
    return done;
  }

  /** A worker: runs queued hashes, parks when there are none (a submit wakes one). */
  private void work() {
    Thread self = Thread.currentThread();
    while (!closed) {
      Runnable next = queue.poll();
      if (next == null) {
        idle.add(self);
        next = queue.poll(); // a submit between the poll and the add saw no idle worker
        if (next == null) {
          LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
        }
        idle.remove(self);
      }
      if (next != null) {
        next.run();
      }
    }
    for (Runnable left; (left = queue.poll()) != null; ) {
      left.run(); // finish what was admitted: its caller waits for an answer
    }
  }

  /** Hashes in progress or waiting. */
  public int inFlight() {
    return admitted.get();
  }

  /** Stops the workers once the admitted hashes are done (waits up to 10 s); later submits fail. */
  @Override
  public void close() {
    closed = true;
    List<Thread> running;
    synchronized (workers) {
      running = List.copyOf(workers);
    }
    for (Thread worker : running) {
      LockSupport.unpark(worker);
    }
    for (Thread worker : running) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
