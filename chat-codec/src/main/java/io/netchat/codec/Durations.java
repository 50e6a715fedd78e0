package io.netchat.codec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in netchat: a whole number and a unit, e.g. {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. One grammar for {@code server.yaml} and for
 * the client's options and scripts.
 */
public final class Durations {
  /** How an error describes the accepted form. */
  public static final String FORM = "a whole number with a unit ms, s, m, h or d (e.g. 500ms, 30s, 5m)";

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} denotes, or empty when it is not of that form. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    });
  }

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException naming {@code text} and the accepted form when it is not one
   */
  public static Duration require(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a duration: '" + text + "'; expected " + FORM));
  }

  /** The shortest form of {@code duration}, e.g. {@code 30s}; the inverse of {@link #parse}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
