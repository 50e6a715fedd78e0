package io.netchat.server.config;

/**
 * The Argon2id parameters new password hashes are made with ({@code auth.password}). A stored hash
 * names its own parameters, so changing these affects new and re-hashed passwords only: an
 * account whose hash has other parameters is re-hashed with these at its next login.
 *
 * <p>The defaults are OWASP's first recommendation for Argon2id (19 MiB, 2 passes, 1 lane): about
 * 25–50 ms of one core per hash on current hardware, and 19 MiB of heap per hash in progress.
 *
 * @param memoryKib memory per hash, in KiB (Argon2 {@code m}); at least 8 × {@code parallelism}
 * @param iterations passes over that memory (Argon2 {@code t})
 * @param parallelism lanes (Argon2 {@code p}); the hash is computed on one thread all the same
 * @param minLength the shortest password {@code register} and {@code passwd} take, in chars
 */
public record PasswordConfig(int memoryKib, int iterations, int parallelism, int minLength) {
  public static final int DEFAULT_MEMORY_KIB = 19_456;
  public static final int DEFAULT_ITERATIONS = 2;
  public static final int DEFAULT_PARALLELISM = 1;
  public static final int DEFAULT_MIN_LENGTH = 8;
  /** The most memory one hash may take: 1 GiB. */
  public static final int MAX_MEMORY_KIB = 1 << 20;
  /** The longest password the wire carries. */
  public static final int MAX_LENGTH = io.netchat.codec.Validation.MAX_PASSWORD_LENGTH;

  public PasswordConfig {
    Check.atLeast("parallelism", parallelism, 1);
    Check.atLeast("iterations", iterations, 1);
    Check.atLeast("memory_kib", memoryKib, 8 * parallelism);
    if (memoryKib > MAX_MEMORY_KIB) {
      throw new ConfigException("memory_kib", memoryKib, "expected at most " + MAX_MEMORY_KIB + " (1 GiB)");
    }
    Check.atLeast("min_length", minLength, 1);
    if (minLength > MAX_LENGTH) {
      throw new ConfigException("min_length", minLength, "expected at most " + MAX_LENGTH);
    }
  }

  public static PasswordConfig defaults() {
    return new PasswordConfig(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM, DEFAULT_MIN_LENGTH);
  }
}
