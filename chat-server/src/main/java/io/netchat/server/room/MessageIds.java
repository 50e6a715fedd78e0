package io.netchat.server.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The opaque identities of contract 1.1: room epochs and message ids, all in the base64url
 * alphabet ({@code A–Z a–z 0–9 - _}).
 *
 * <p>A room message's {@code msgid} is derived, not stored: a 12-char prefix hashed from the room
 * key and its epoch, then the seq in base64url digits. The same message therefore has the same
 * msgid whenever it is sent (live, in a backlog, in a {@code history} answer, after a restart that
 * kept the epoch), and a room recreated under the same name (a new epoch) never repeats one.
 * Clients must not parse it: the form may change. A dm's msgid comes from a {@link Counter}: a
 * random prefix drawn when the server starts, then a count.
 */
public final class MessageIds {
  private static final char[] DIGITS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  /** Random or hashed bytes in a token: 72 bits, 12 base64url chars. */
  private static final int TOKEN_BYTES = 9;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private MessageIds() {}

  /**
   * A fresh random token of 12 chars (an epoch, a session id, a prefix). Unique, not secret: it
   * comes from {@link ThreadLocalRandom}, which never blocks an event loop.
   */
  public static String randomToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    ThreadLocalRandom.current().nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  /** The msgid prefix of a room: a hash of its key and epoch, 12 chars. */
  public static String roomPrefix(String roomKey, String epoch) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((roomKey + '\n' + epoch).getBytes(StandardCharsets.UTF_8));
      return BASE64URL.encodeToString(java.util.Arrays.copyOf(hash, TOKEN_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code prefix} followed by {@code n} (≥ 0) in base64url digits, most significant first. */
  public static String sequenced(String prefix, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative: " + n);
    }
    char[] digits = new char[11];
    int at = digits.length;
    do {
      digits[--at] = DIGITS[(int) (n & 63)];
      n >>>= 6;
    } while (n != 0);
    return prefix + new String(digits, at, digits.length - at);
  }

  /** Msgids that are not derived from a room: a random prefix per counter, then 1, 2, 3… Thread-safe. */
  public static final class Counter {
    private final String prefix = randomToken();
    private final AtomicLong count = new AtomicLong();

    /** The next msgid. */
    public String next() {
      return sequenced(prefix, count.incrementAndGet());
    }
  }
}
