package io.netchat.server.config;

/**
 * A configuration value that stops start-up. The message names the key path (for example
 * {@code limits.max_frame_length}), the value found and what is allowed instead.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_VALUE = 80;

  private final String key;

  /**
   * @param key the key path, e.g. {@code listeners[1].port}; empty for the whole document
   * @param value the offending value as written (a {@code String} is shown in quotes), or {@code null}
   * @param allowed what is allowed instead, e.g. {@code "an integer from 0 to 65535"}
   */
  public ConfigException(String key, Object value, String allowed) {
    super(describe(key, value, allowed));
    this.key = key;
  }

  private ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The same problem, prefixed with where the configuration came from (e.g. a file name). */
  public ConfigException in(String source) {
    return new ConfigException(key, source + ": " + getMessage());
  }

  /** The key path of the bad value; empty when the document as a whole is wrong. */
  public String key() {
    return key;
  }

  private static String describe(String key, Object value, String allowed) {
    StringBuilder message = new StringBuilder();
    if (!key.isEmpty()) {
      message.append(key);
    }
    if (value != null) {
      String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
      if (shown.length() > MAX_SHOWN_VALUE) {
        shown = shown.substring(0, MAX_SHOWN_VALUE) + "...";
      }
      message.append(key.isEmpty() ? "" : " = ").append(shown);
    }
    if (message.length() > 0) {
      message.append(": ");
    }
    return message.append(allowed).toString();
  }
}
