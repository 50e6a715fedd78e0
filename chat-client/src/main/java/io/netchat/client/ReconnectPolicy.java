package io.netchat.client;

import java.time.Duration;

/**
 * When and how often a {@link ChatClient} reconnects after losing its connection: exponential
 * backoff from {@code initialDelay}, multiplied by {@code multiplier} per failed attempt up to
 * {@code maxDelay}, for at most {@code maxAttempts} attempts in a row (0 = no limit).
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay wait before the first attempt
 * @param maxDelay longest wait between attempts
 * @param multiplier growth of the wait per failed attempt (at least 1)
 * @param maxAttempts attempts in a row before giving up; 0 for no limit
 */
public record ReconnectPolicy(
    boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {

  /** Never reconnect: the library's default. */
  public static final ReconnectPolicy DISABLED =
      new ReconnectPolicy(false, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0);

  /** Reconnect forever, waiting 200 ms, 400 ms, 800 ms, … up to 10 s: the interactive CLI's default. */
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
  }

  /** The wait before attempt number {@code attempt} (1-based). */
  public Duration delayBefore(int attempt) {
    double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
    double millis = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * factor);
    return Duration.ofMillis((long) millis);
  }

  /** Whether attempt number {@code attempt} (1-based) may still be made. */
  public boolean allows(int attempt) {
    return enabled && (maxAttempts == 0 || attempt <= maxAttempts);
  }
}
