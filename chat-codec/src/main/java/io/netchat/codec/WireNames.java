package io.netchat.codec;

import java.util.function.Function;

/** Finds the constant of a wire enum ({@link ErrorCode}, {@link ByeCode}, {@link Capability}) by its wire name. */
final class WireNames {
  private WireNames() {}

  /** The constant among {@code values} whose wire name is {@code name}, or {@code null}. */
  static <E extends Enum<E>> E find(E[] values, Function<E, String> wireName, String name) {
    for (E value : values) {
      if (wireName.apply(value).equals(name)) {
        return value;
      }
    }
    return null;
  }
}
