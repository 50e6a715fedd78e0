package io.netchat.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When and how often a {@link ChatClient} reconnects after losing its connection: exponential
 * backoff from {@code initialDelay}, multiplied by {@code multiplier} per failed attempt up to
 * {@code maxDelay}, for at most {@code maxAttempts} attempts in a row (0 = no limit). Each wait is
 * shortened by a random part of up to {@code jitter} of it, so that the clients of a server that
 * went away do not all come back in the same instant. A server's {@code bye} overrides the
 * policy: {@code reconnect: false} stops reconnecting, and {@code retry_after_ms} is the shortest
 * first wait.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay wait before the first attempt
 * @param maxDelay longest wait between attempts
 * @param multiplier growth of the wait per failed attempt (at least 1)
 * @param maxAttempts attempts in a row before giving up; 0 for no limit
 * @param jitter the largest part of each wait taken off at random, from 0 (none) to 1
 */
public record ReconnectPolicy(
    boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts, double jitter) {

  /** The jitter of the shipped policies: each wait is between half and all of its backoff value. */
  public static final double DEFAULT_JITTER = 0.5;

  /** Never reconnect: the library's default. */
  public static final ReconnectPolicy DISABLED =
      new ReconnectPolicy(false, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0);

  /** Reconnect forever, waiting about 200 ms, 400 ms, 800 ms, … up to 10 s (jittered): the interactive CLI's default. */
  public static final ReconnectPolicy FOREVER =
      new ReconnectPolicy(true, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0);

  public ReconnectPolicy {
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new IllegalArgumentException("reconnect.initialDelay must be >= 0: " + initialDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("reconnect.maxDelay must be >= initialDelay: " + maxDelay);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("reconnect.multiplier must be >= 1: " + multiplier);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("reconnect.maxAttempts must be >= 0: " + maxAttempts);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("reconnect.jitter must be from 0 to 1: " + jitter);
    }
  }

  /** A policy with the {@link #DEFAULT_JITTER default jitter}. */
  public ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {
    this(enabled, initialDelay, maxDelay, multiplier, maxAttempts, DEFAULT_JITTER);
  }

  /** The same policy with another jitter (0 for exact, repeatable waits). */
  public ReconnectPolicy withJitter(double newJitter) {
    return new ReconnectPolicy(enabled, initialDelay, maxDelay, multiplier, maxAttempts, newJitter);
  }

  /** The backoff before attempt number {@code attempt} (1-based), before jitter: the longest wait. */
  public Duration delayBefore(int attempt) {
    double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
    double millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * factor);
    return Duration.ofMillis((long) millis);
  }

  /**
   * The wait before attempt number {@code attempt}: its backoff less a random part of up to
   * {@code jitter} of it, and never less than {@code atLeast} (a server's {@code retry_after_ms}).
   *
   * @param random uniform values in [0, 1)
   */
  public Duration waitBefore(int attempt, Duration atLeast, DoubleSupplier random) {
    long backoff = delayBefore(attempt).toMillis();
    long jittered = backoff - (long) (backoff * jitter * random.getAsDouble());
    return Duration.ofMillis(Math.max(jittered, atLeast.toMillis()));
  }

  /** Whether attempt number {@code attempt} (1-based) may still be made. */
  public boolean allows(int attempt) {
    return enabled && (maxAttempts == 0 || attempt <= maxAttempts);
  }
}
