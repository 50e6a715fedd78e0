package io.netchat.server;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The randomness of sessions: the {@code welcome.session} secrets that {@code hello{resume}}
 * presents (128 random bits, base64url without padding: 22 chars), and the jitter of the
 * {@code retry_after_ms} sent with {@code bye{shutting_down}}. The generator is a DRBG seeded
 * here, once, so that making a secret on an event loop never waits for the operating system's
 * entropy. Thread-safe.
 */
final class SessionSecrets {
  /** Bits of a resume secret. */
  static final int SECRET_BITS = 128;
  private final SecureRandom random;
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

  SessionSecrets() {
    try {
      random = SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no DRBG SecureRandom in this Java runtime", e);
    }
    random.nextBytes(new byte[1]); // seeds now, off any event loop
  }

  /** A new, unguessable resume secret. */
  String newSecret() {
    byte[] bytes = new byte[SECRET_BITS / 8];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }

  /**
   * The {@code retry_after_ms} for one client of a server that shuts down: uniform in
   * [0, {@code spreadMillis}], so that its clients spread their return over that time.
   */
  static long shutdownRetryAfterMillis(long spreadMillis) {
    return ThreadLocalRandom.current().nextLong(spreadMillis + 1);
  }
}
