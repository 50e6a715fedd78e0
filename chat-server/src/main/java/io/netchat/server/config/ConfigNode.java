package io.netchat.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cursor over one YAML mapping that reads typed values by key, remembers its key path for
 * error messages and rejects keys nobody asked for. An absent key or an empty value ({@code key:}
 * with nothing after it) means "use the default".
 */
final class ConfigNode {
  private final String path;
  private final JsonNode node;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  /** The document root; an empty document is an empty mapping. */
  static ConfigNode root(JsonNode document) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return new ConfigNode("", JsonNodeFactory.instance.objectNode());
    }
    if (!document.isObject()) {
      throw new ConfigException("", document, "the file must be a YAML mapping of settings (key: value)");
    }
    return new ConfigNode("", document);
  }

  /** The full key path of {@code key} below this node, e.g. {@code limits.burst}. */
  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String string(String key, String defaultValue) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new ConfigException(keyPath(key), value, "expected a non-empty string");
    }
    return value.textValue().trim();
  }

  int integer(String key, int defaultValue, int min, int max) {
    long result = longInteger(key, defaultValue, min, max);
    return (int) result;
  }

  long longInteger(String key, long defaultValue, long min, long max) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < min || value.longValue() > max) {
      throw new ConfigException(keyPath(key), value, "expected " + range(min, max));
    }
    return value.longValue();
  }

  Duration duration(String key, Duration defaultValue, boolean zeroAllowed) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    Optional<Duration> parsed = value.isTextual() ? Durations.parse(value.textValue()) : Optional.empty();
    if (parsed.isEmpty() || (!zeroAllowed && parsed.get().isZero())) {
      throw new ConfigException(keyPath(key), value, "expected " + (zeroAllowed ? "a duration, " : "a positive duration, ") + Durations.FORM);
    }
    return parsed.get();
  }

  /** One of {@code allowed} (compared exactly, they are lower case). */
  String choice(String key, String defaultValue, List<String> allowed) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isTextual() || !allowed.contains(value.textValue())) {
      throw new ConfigException(keyPath(key), value, "expected one of " + String.join(", ", allowed));
    }
    return value.textValue();
  }

  /** The mapping under {@code key}, empty when absent or empty. */
  Optional<ConfigNode> section(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      throw new ConfigException(keyPath(key), value, "expected a mapping of settings (key: value)");
    }
    return Optional.of(new ConfigNode(keyPath(key), value));
  }

  /** The mappings listed under {@code key}, empty when absent; an empty list is an error. */
  Optional<List<ConfigNode>> sections(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isArray() || value.isEmpty()) {
      throw new ConfigException(keyPath(key), value, "expected a list of at least one mapping");
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String itemPath = keyPath(key) + "[" + i + "]";
      if (!value.get(i).isObject()) {
        throw new ConfigException(itemPath, value.get(i), "expected a mapping of settings (key: value)");
      }
      items.add(new ConfigNode(itemPath, value.get(i)));
    }
    return Optional.of(items);
  }

  /** Fails on the first key that no read asked for: most likely a typo. */
  void rejectUnknownKeys() {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!known.contains(name)) {
        throw new ConfigException(keyPath(name), node.get(name), "unknown key; known keys"
            + (path.isEmpty() ? "" : " under " + path) + ": " + String.join(", ", known));
      }
    }
  }

  private JsonNode value(String key) {
    known.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  private static String range(long min, long max) {
    if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
      return min == 1 ? "a positive integer" : "an integer of at least " + min;
    }
    return "an integer from " + min + " to " + max;
  }
}
