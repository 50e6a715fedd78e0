package io.netchat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * When to renew a token: read from its own {@code exp}, unverified (the server verifies; the client
 * only needs to know when to ask for the next one).
 */
final class TokenTimes {
  /** The longest a renewal starts before {@code exp}. */
  static final Duration MAX_LEAD = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenTimes() {}

  /** The token's {@code exp}, or {@code null} when it has none or cannot be read. */
  static Instant expiry(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode exp = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("exp");
      return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  /**
   * How long after {@code now} to renew a token that expires at {@code exp}: when a fifth of what
   * is left remains, at most {@link #MAX_LEAD} before {@code exp}; zero when it is already late.
   */
  static Duration renewAfter(Instant now, Instant exp) {
    Duration left = Duration.between(now, exp);
    if (left.isNegative() || left.isZero()) {
      return Duration.ZERO;
    }
    Duration lead = left.dividedBy(5);
    return left.minus(lead.compareTo(MAX_LEAD) > 0 ? MAX_LEAD : lead);
  }
}
