package io.netchat.server.config;

import java.time.Duration;

/**
 * How failed logins slow down further tries ({@code auth.login_throttle}), counted per account
 * and per client address apart. After {@code free_failures} failures in a row, each try must wait
 * {@code base_delay}, doubling with every further failure up to {@code max_delay}; a try that
 * comes early is answered {@code rate_limited} with {@code retry_after_ms} and not checked at all.
 * A count is forgotten {@code forget_after} after its last failure, and a good login clears the
 * account's (not the address's). Each table holds at most {@code max_tracked} entries, dropping
 * the least recently failed first, so a client cycling names or addresses cannot grow the heap.
 *
 * @param freeFailures failures in a row that cost nothing
 * @param baseDelay the wait after the first failure past the free ones
 * @param maxDelay the longest wait
 * @param forgetAfter quiet time after which a count starts again from zero
 * @param maxTracked entries per table (accounts, addresses)
 */
public record LoginThrottleConfig(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter,
    int maxTracked) {
  public static final int DEFAULT_FREE_FAILURES = 3;
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(15);
  public static final int DEFAULT_MAX_TRACKED = 65_536;

  public LoginThrottleConfig {
    Check.atLeast("free_failures", freeFailures, 0);
    Check.positive("base_delay", baseDelay);
    Check.positive("max_delay", maxDelay);
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new ConfigException("max_delay", io.netchat.codec.Durations.format(maxDelay),
          "expected at least base_delay (" + io.netchat.codec.Durations.format(baseDelay) + ")");
    }
    Check.positive("forget_after", forgetAfter);
    Check.positive("max_tracked", maxTracked);
  }

  public static LoginThrottleConfig defaults() {
    return new LoginThrottleConfig(DEFAULT_FREE_FAILURES, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY,
        DEFAULT_FORGET_AFTER, DEFAULT_MAX_TRACKED);
  }
}
