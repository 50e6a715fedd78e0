package io.netchat.server;

import java.util.concurrent.TimeUnit;

/** Flood control: {@code rate} commands per second on average, {@code burst} at once. Not thread-safe. */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(int ratePerSecond, int burst, long nowNanos) {
    this.perNano = ratePerSecond / (double) TimeUnit.SECONDS.toNanos(1);
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
}
