package io.netchat.server.config;

import java.util.List;

/**
 * Logging settings from {@code server.yaml}. Appenders (console, rolling file) live in
 * {@code logback.xml}; this sets how much is logged and in which format.
 *
 * @param level the root log level: one of {@link #LEVELS}
 * @param format {@code text} (the pattern of {@code logback.xml}) or {@code json} (one JSON object
 *     per line, Logback's {@code JsonEncoder}), for every appender
 */
public record LoggingConfig(String level, String format) {
  public static final String DEFAULT_LEVEL = "info";
  /** Accepted levels, quietest last. */
  public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  public static final String TEXT = "text";
  public static final String JSON = "json";
  public static final List<String> FORMATS = List.of(TEXT, JSON);

  public LoggingConfig {
    Check.oneOf("level", level, LEVELS);
    Check.oneOf("format", format, FORMATS);
  }

  public static LoggingConfig defaults() {
    return new LoggingConfig(DEFAULT_LEVEL, TEXT);
  }
}
