package io.netchat.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a Jackson binding failure into the {@link ConfigException} a user reads: the key path in
 * the file, the value as written there and what is allowed instead.
 *
 * <p>What is allowed comes from the records themselves: a range check in a constructor names it;
 * for a value of the wrong type ({@code port: "7777"}) the record's constructor is asked with a
 * value of the right type that no check accepts, so one rule never has two descriptions.
 */
final class BindingErrors {
  static final String A_MAPPING = "expected a mapping of settings (key: value)";

  private static final Map<Class<?>, Object> UNACCEPTABLE = Map.of(
      int.class, Integer.MIN_VALUE, long.class, Long.MIN_VALUE, String.class, "", Duration.class, Duration.ofDays(-1));

  private final Function<List<String>, Optional<String>> extraRules;
  private final String flattened;
  private final List<String> rootSections;

  /**
   * @param flattened the field of the bound root whose keys stand at the top of the file
   * @param rootSections the other keys of the root, listed with the flattened record's keys
   * @param extraRules what is allowed at a key path (as segments) that no record can tell by
   *     itself, e.g. the registered codecs; empty elsewhere
   */
  BindingErrors(String flattened, List<String> rootSections, Function<List<String>, Optional<String>> extraRules) {
    this.flattened = flattened;
    this.rootSections = rootSections;
    this.extraRules = extraRules;
  }

  /** The user's view of {@code failure}, met while binding {@code document}. */
  ConfigException describe(JacksonException failure, JsonNode document) {
    List<Reference> path = failure instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
    String key = keyPath(path);
    Optional<ConfigException> fromRecord = causeOfType(failure, ConfigException.class);
    if (fromRecord.isPresent()) {
      return fromRecord.get().under(key);
    }
    Optional<IllegalArgumentException> fromStore = causeOfType(failure, IllegalArgumentException.class);
    if (failure instanceof ValueInstantiationException && fromStore.isPresent()) {
      return new ConfigException("", null, fromStore.get().getMessage()); // StoreConfig names the whole key path
    }
    JsonNode written = writtenAt(document, path);
    if (failure instanceof UnrecognizedPropertyException unknown) {
      String parent = keyPath(path.subList(0, path.size() - 1));
      List<String> known = new ArrayList<>(keys(unknown.getReferringClass()));
      if (parent.isEmpty()) {
        known.addAll(rootSections);
      }
      return new ConfigException(key, written, "unknown key; known keys"
          + (parent.isEmpty() ? "" : " under " + parent) + ": " + String.join(", ", known));
    }
    return new ConfigException(key, written, path.isEmpty() ? failure.getOriginalMessage() : allowedAt(path));
  }

  /** The snake_case keys of a config record, in declaration order. */
  static List<String> keys(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(c -> snake(c.getName())).toList();
  }

  private String allowedAt(List<Reference> path) {
    Reference last = path.get(path.size() - 1);
    if (last.getFieldName() == null) {
      return A_MAPPING; // an item of a list: every list holds config records
    }
    Optional<String> extra = extraRules.apply(segments(path));
    if (extra.isPresent()) {
      return extra.get();
    }
    Class<?> record = last.getFrom() instanceof Class<?> type ? type : last.getFrom().getClass();
    int component = keys(record).indexOf(last.getFieldName());
    Class<?> type = record.getRecordComponents()[component].getType();
    if (type.isRecord()) {
      return A_MAPPING;
    }
    if (List.class.isAssignableFrom(type)) {
      return "expected a list of at least one mapping";
    }
    if (type.isEnum()) {
      return "expected one of " + String.join(", ", ConfigMapper.names(type));
    }
    return askRecord(record, component).orElse("expected a value of type " + type.getSimpleName());
  }

  /** What {@code record}'s constructor says of {@code component} set to a value it cannot accept. */
  private static Optional<String> askRecord(Class<?> record, int component) {
    RecordComponent[] components = record.getRecordComponents();
    Object unacceptable = UNACCEPTABLE.get(components[component].getType());
    Object defaults = RecordDefaults.defaultsOf(record);
    if (unacceptable == null || defaults == null) {
      return Optional.empty();
    }
    Object[] arguments = RecordDefaults.components(defaults);
    arguments[component] = unacceptable;
    try {
      Constructor<?> canonical = record.getDeclaredConstructor(
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      canonical.newInstance(arguments);
      return Optional.empty();
    } catch (InvocationTargetException e) {
      return e.getCause() instanceof ConfigException rule ? Optional.of(rule.allowed()) : Optional.empty();
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
  }

  private String keyPath(List<Reference> path) {
    String key = "";
    for (String segment : segments(path)) {
      key = ConfigException.join(key, segment);
    }
    return key;
  }

  /** {@code limits}, {@code burst}; {@code listeners}, {@code [0]}, {@code port}: the flattened field left out. */
  private List<String> segments(List<Reference> path) {
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      Reference reference = path.get(i);
      if (reference.getFieldName() == null) {
        segments.add("[" + reference.getIndex() + "]");
      } else if (i > 0 || !reference.getFieldName().equals(flattened)) {
        segments.add(reference.getFieldName());
      }
    }
    return segments;
  }

  private static JsonNode writtenAt(JsonNode document, List<Reference> path) {
    JsonNode node = document;
    for (Reference reference : path) {
      node = reference.getFieldName() == null ? node.path(reference.getIndex()) : node.path(reference.getFieldName());
    }
    return node.isMissingNode() ? null : node;
  }

  private static <T extends Throwable> Optional<T> causeOfType(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }

  static String snake(String name) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
  }
}
