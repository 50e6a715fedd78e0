package io.netchat.server.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys whose values differ between two configurations, as written in {@code server.yaml}
 * ({@code limits.burst}, {@code listeners}, {@code admin}): config sections are compared key by
 * key, anything else (a list, a duration, a name, a section present in one only) as one value.
 * The server's keys stand at the top level, as in the file. What a reload names when it applies
 * or refuses a change.
 */
public final class ConfigDiff {
  private ConfigDiff() {}

  /** The keys that differ between {@code before} and {@code after}, in declaration order. */
  public static List<String> changedKeys(DaemonConfig before, DaemonConfig after) {
    List<String> keys = new ArrayList<>();
    collect("", before, after, keys);
    return keys;
  }

  private static void collect(String prefix, Record before, Record after, List<String> keys) {
    RecordComponent[] components = before.getClass().getRecordComponents();
    Object[] was = RecordDefaults.components(before);
    Object[] is = RecordDefaults.components(after);
    for (int i = 0; i < components.length; i++) {
      String key = prefix + BindingErrors.snake(components[i].getName());
      if (was[i] instanceof Record a && is[i] instanceof Record b && a.getClass() == b.getClass() && isSection(a)) {
        collect(a instanceof ServerConfig ? "" : key + ".", a, b, keys);
      } else if (!Objects.equals(was[i], is[i])) {
        keys.add(key);
      }
    }
  }

  /** A section of the file: one of the config records (not a listener, which a list holds). */
  private static boolean isSection(Record value) {
    return value.getClass().getPackage() == ConfigDiff.class.getPackage() && !(value instanceof ListenerConfig);
  }
}
