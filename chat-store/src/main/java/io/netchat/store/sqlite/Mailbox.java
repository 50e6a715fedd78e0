package io.netchat.store.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A bounded queue with many producers and one consumer thread. Producers never block or take a
 * lock (safe on an event loop): a full mailbox refuses at once. The consumer parks when empty.
 * Once the consumer has {@link #shutDown() shut it down}, an item that still slips in is handed to
 * the {@code orphan} callback (which fails it), so no caller waits forever.
 */
final class Mailbox<T> {

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  private final Consumer<T> orphan;
  private volatile Thread consumer;
  private volatile boolean shutDown;

  Mailbox(int capacity, Consumer<T> orphan) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.orphan = orphan;
  }

  /** Sets the thread to wake; called once by the consumer before it first waits. */
  void consumer(Thread thread) {
    consumer = thread;
  }

  /** Takes one slot, or returns false when full; each true must be followed by {@link #put}. */
  boolean reserve() {
    int n;
    do {
      n = size.get();
      if (n >= capacity) {
        return false;
      }
    } while (!size.compareAndSet(n, n + 1));
    return true;
  }

  /** Adds an item into a slot taken with {@link #reserve} and wakes the consumer. */
  void put(T item) {
    queue.add(item);
    wake();
    if (shutDown) {
      rejectLeftovers();
    }
  }

  /** Consumer only, when it stops: every item left now or put later goes to {@code orphan}. */
  void shutDown() {
    shutDown = true;
    rejectLeftovers();
  }

  private void rejectLeftovers() {
    List<T> left = new ArrayList<>();
    drainTo(left, Integer.MAX_VALUE);
    left.forEach(orphan);
  }

  /** Reserves and puts, or returns false when full. */
  boolean offer(T item) {
    if (!reserve()) {
      return false;
    }
    put(item);
    return true;
  }

  /** Moves up to {@code max} items to {@code out}, oldest first; returns how many. */
  int drainTo(List<T> out, int max) {
    int n = 0;
    T item;
    while (n < max && (item = queue.poll()) != null) {
      out.add(item);
      n++;
    }
    size.addAndGet(-n);
    return n;
  }

  /** Consumer only: parks until an item arrives, an unpark, or the timeout. */
  void awaitItems(long timeout, TimeUnit unit) {
    if (queue.isEmpty()) {
      LockSupport.parkNanos(this, unit.toNanos(timeout));
    }
  }

  /** Wakes the consumer (to notice a close). */
  void wake() {
    Thread t = consumer;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  boolean isEmpty() {
    return size.get() == 0;
  }

  int size() {
    return size.get();
  }
}
