package io.netchat.codec;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The codecs known by name, loaded once from {@link ChatCodecProvider} services and frozen. Two
 * providers with one name fail the load; an unknown name fails with the list of known ones.
 */
public final class CodecRegistry {
  private final Map<String, ChatCodec> codecs;

  private CodecRegistry(Map<String, ChatCodec> codecs) {
    this.codecs = Collections.unmodifiableMap(codecs);
  }

  /** The codecs registered on the class path of {@code loader}. */
  public static CodecRegistry load(ClassLoader loader) {
    return of(ServiceLoader.load(ChatCodecProvider.class, loader).stream()
        .map(provider -> provider.get().create())
        .toList());
  }

  /** The codecs registered on this class's class path. */
  public static CodecRegistry load() {
    return load(CodecRegistry.class.getClassLoader());
  }

  /** A registry of exactly these codecs. */
  public static CodecRegistry of(Collection<ChatCodec> codecs) {
    Map<String, ChatCodec> byName = new LinkedHashMap<>();
    for (ChatCodec codec : codecs) {
      ChatCodec previous = byName.putIfAbsent(codec.name(), codec);
      if (previous != null) {
        throw new IllegalStateException("two codecs are named '" + codec.name() + "': "
            + previous.getClass().getName() + " and " + codec.getClass().getName()
            + "; known codecs: " + String.join(", ", byName.keySet()));
      }
    }
    return new CodecRegistry(byName);
  }

  /** The codec called {@code name}. */
  public ChatCodec get(String name) {
    ChatCodec codec = codecs.get(name);
    if (codec == null) {
      throw new IllegalArgumentException("unknown codec '" + name + "'; known codecs: " + String.join(", ", names()));
    }
    return codec;
  }

  /** The known names, in load order. */
  public List<String> names() {
    return List.copyOf(codecs.keySet());
  }
}
