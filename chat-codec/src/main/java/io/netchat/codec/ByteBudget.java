package io.netchat.codec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A number of bytes shared by many holders (connections, rooms) on any thread: a holder
 * {@linkplain #tryAcquire acquires} bytes before it keeps them and {@linkplain #release releases}
 * them when it lets go. An acquisition that would pass the limit fails and changes nothing, so the
 * total held never exceeds it. Lock-free and thread-safe.
 */
public final class ByteBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  /** A budget of {@code limit} bytes (positive). */
  public ByteBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** A budget no real holder can exhaust, for pipelines that need no global bound (a client). */
  public static ByteBudget unlimited() {
    return new ByteBudget(Long.MAX_VALUE);
  }

  /** Takes {@code bytes} (≥ 0) if they fit under the limit; {@code false}, taking nothing, if not. */
  public boolean tryAcquire(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    long current;
    do {
      current = used.get();
      if (bytes > limit - current) {
        return false;
      }
    } while (!used.compareAndSet(current, current + bytes));
    return true;
  }

  /** Gives back {@code bytes} (≥ 0) acquired earlier. */
  public void release(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    used.addAndGet(-bytes);
  }

  /** Bytes held now, all holders together. */
  public long used() {
    return used.get();
  }

  /** The most bytes that may be held at once. */
  public long limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "ByteBudget[" + used() + " of " + limit + " bytes]";
  }
}
