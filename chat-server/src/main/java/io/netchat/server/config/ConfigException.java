package io.netchat.server.config;

/**
 * A configuration value that stops start-up. The message names the key path (for example
 * {@code limits.max_frame_length}), the value found and what is allowed instead.
 *
 * <p>A config record's constructor names the key relative to itself ({@code burst}); the loader
 * places it in the document with {@link #under} ({@code limits.burst}).
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_VALUE = 80;

  private final String prefix;
  private final String key;
  private final String shownValue;
  private final String allowed;

  /**
   * @param key the key path, e.g. {@code listeners[1].port}; empty for the whole document
   * @param value the offending value as written (a {@code String} is shown in quotes), or {@code null}
   * @param allowed what is allowed instead, e.g. {@code "expected an integer from 0 to 65535"}
   */
  public ConfigException(String key, Object value, String allowed) {
    this("", key, show(value), allowed);
  }

  private ConfigException(String prefix, String key, String shownValue, String allowed) {
    super(prefix + describe(key, shownValue, allowed));
    this.prefix = prefix;
    this.key = key;
    this.shownValue = shownValue;
    this.allowed = allowed;
  }

  /** The same problem, prefixed with where the configuration came from (e.g. a file name). */
  public ConfigException in(String source) {
    return new ConfigException(source + ": " + prefix, key, shownValue, allowed);
  }

  /** The same problem with its key placed below {@code parent}: {@code burst} under {@code limits}. */
  public ConfigException under(String parent) {
    return rekeyed(join(parent, key));
  }

  /** The same problem named by {@code newKey} instead, e.g. the command-line option that set it. */
  public ConfigException rekeyed(String newKey) {
    return new ConfigException(prefix, newKey, shownValue, allowed);
  }

  /** The key path of the bad value; empty when the document as a whole is wrong. */
  public String key() {
    return key;
  }

  /** What is allowed instead, e.g. {@code "expected a positive integer"}. */
  public String allowed() {
    return allowed;
  }

  /** {@code child} below {@code parent}: {@code limits.burst}, {@code listeners[0]}. */
  static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    return child.isEmpty() || child.startsWith("[") ? parent + child : parent + "." + child;
  }

  private static String show(Object value) {
    if (value == null) {
      return null;
    }
    String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    return shown.length() > MAX_SHOWN_VALUE ? shown.substring(0, MAX_SHOWN_VALUE) + "..." : shown;
  }

  private static String describe(String key, String shownValue, String allowed) {
    StringBuilder message = new StringBuilder(key);
    if (shownValue != null) {
      message.append(key.isEmpty() ? "" : " = ").append(shownValue);
    }
    if (message.length() > 0) {
      message.append(": ");
    }
    return message.append(allowed).toString();
  }
}
