package io.netchat.server.config;

import io.netchat.codec.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The range checks of the config records' constructors. Each names the key relative to its
 * record ({@code burst}); the loader places it in the document ({@code limits.burst}).
 */
final class Check {
  private Check() {}

  static int positive(String key, int value) {
    return (int) positive(key, (long) value);
  }

  static long positive(String key, long value) {
    if (value < 1) {
      throw new ConfigException(key, value, "expected a positive integer");
    }
    return value;
  }

  static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw new ConfigException(key, value, "expected an integer of at least " + min);
    }
    return value;
  }

  static int atLeast(String key, int value, int min) {
    if (value < min) {
      throw new ConfigException(key, value, "expected an integer of at least " + min);
    }
    return value;
  }

  static Duration positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key, shown(value), "expected a positive duration, " + Durations.FORM);
    }
    return value;
  }

  static Duration nonNegative(String key, Duration value) {
    if (value == null || value.isNegative()) {
      throw new ConfigException(key, shown(value), "expected a duration, " + Durations.FORM);
    }
    return value;
  }

  /** {@code value} without surrounding blanks; it must not be empty. */
  static String nonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, value, "expected a non-empty string");
    }
    return value.trim();
  }

  static String oneOf(String key, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new ConfigException(key, value, "expected one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A TCP port to bind: 0 (any free port) to 65535. */
  static int port(String key, int value) {
    if (value < 0 || value > ListenerConfig.MAX_PORT) {
      throw new ConfigException(key, value, "expected an integer from 0 to " + ListenerConfig.MAX_PORT
          + " (0 picks a free port)");
    }
    return value;
  }

  /** An address to bind, as {@link IpLiterals} accepts it, kept without IPv6 brackets. */
  static String ipLiteral(String key, String value) {
    return IpLiterals.normalize(present(key, value, "expected " + IpLiterals.FORM))
        .orElseThrow(() -> new ConfigException(key, value, "expected " + IpLiterals.FORM));
  }

  static <T> T present(String key, T value, String allowed) {
    if (value == null) {
      throw new ConfigException(key, null, allowed);
    }
    return value;
  }

  private static String shown(Duration value) {
    return value == null || value.isNegative() ? String.valueOf(value) : Durations.format(value);
  }
}
