package io.netchat.codec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.HashMap;
import java.util.Map;

/** The wire name of every message type, read once from the {@code @JsonSubTypes} of each side. */
final class TypeNames {
  static final Map<Class<?>, String> CLIENT = of(ClientMessage.class);

  private TypeNames() {}

  /** Wire name by record type for the message side {@code side}. */
  static Map<Class<?>, String> of(Class<?> side) {
    Map<Class<?>, String> names = new HashMap<>();
    for (JsonSubTypes.Type type : side.getAnnotation(JsonSubTypes.class).value()) {
      names.put(type.value(), type.name());
    }
    return Map.copyOf(names);
  }
}
