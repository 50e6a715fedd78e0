package io.netchat.server;

import java.util.concurrent.TimeUnit;

/** A token bucket: {@code rate} takes per time unit on average, {@code burst} at once. Not thread-safe. */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(int ratePerSecond, int burst, long nowNanos) {
    this(ratePerSecond, burst, nowNanos, TimeUnit.SECONDS);
  }

  TokenBucket(int rate, int burst, long nowNanos, TimeUnit per) {
    this.perNano = rate / (double) per.toNanos(1);
    this.capacity = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** After a refused {@link #tryTake}: nanoseconds until the next token (at least 0). */
  long nanosUntilToken(long nowNanos) {
    double missing = 1 - Math.min(capacity, tokens + (nowNanos - last) * perNano);
    return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
  }
}
