package io.netchat.server.config;

/**
 * The password-hashing pool ({@code auth.hashing}): hashes run on these threads, never on an event
 * loop. A hash that finds {@code threads + queue} hashes already in progress or waiting is refused
 * at once with {@code unavailable} (temporary), so a burst of logins costs a bounded amount of
 * memory ({@code (threads) × password.memory_kib} at a time) and CPU.
 *
 * @param threads hashing threads, 0 for half the cores the process may use (at least 1)
 * @param queue hashes that may wait for a thread
 */
public record HashingConfig(int threads, int queue) {
  public static final int DEFAULT_THREADS = 0;
  public static final int DEFAULT_QUEUE = 64;

  public HashingConfig {
    Check.atLeast("threads", threads, 0);
    Check.atLeast("queue", queue, 0);
  }

  public static HashingConfig defaults() {
    return new HashingConfig(DEFAULT_THREADS, DEFAULT_QUEUE);
  }

  /** The threads to start: {@link #threads()}, or half of {@code cores} (at least 1) when it is 0. */
  public int threadsFor(int cores) {
    return threads > 0 ? threads : Math.max(1, cores / 2);
  }
}
