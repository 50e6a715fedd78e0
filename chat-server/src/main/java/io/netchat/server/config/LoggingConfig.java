package io.netchat.server.config;

import java.util.List;

/**
 * Logging settings from {@code server.yaml}. Appenders (console, rolling file) live in
 * {@code logback.xml}; this only sets how much is logged.
 *
 * @param level the root log level: one of {@link #LEVELS}
 */
public record LoggingConfig(String level) {
  public static final String DEFAULT_LEVEL = "info";
  /** Accepted levels, quietest last. */
  public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

  public LoggingConfig {
    Check.oneOf("level", level, LEVELS);
  }

  public static LoggingConfig defaults() {
    return new LoggingConfig(DEFAULT_LEVEL);
  }
}
