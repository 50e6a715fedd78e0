package io.netchat.codec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The codecs known by name, loaded once from {@link ChatCodecProvider} services and frozen. Two
 * providers with one name fail the load; an unknown name fails with the list of known ones. A
 * provider that names its codec ({@link ChatCodecProvider#name()}) has it created when it is first
 * asked for, so a codec no listener uses costs nothing at start (building a Jackson codec's readers
 * and writers takes a tenth of a second); the others are created as the registry loads.
 */
public final class CodecRegistry {
  private final Map<String, Entry> codecs;
  private final List<String> order;

  /** One codec: made by {@code make} the first time it is asked for. */
  private static final class Entry {
    private final String source;
    private final Supplier<ChatCodec> make;
    private ChatCodec codec;

    Entry(String source, Supplier<ChatCodec> make) {
      this.source = source;
      this.make = make;
    }

    synchronized ChatCodec get() {
      if (codec == null) {
        codec = make.get();
      }
      return codec;
    }
  }

  private CodecRegistry(Map<String, Entry> codecs) {
    this.codecs = Map.copyOf(codecs);
    this.order = List.copyOf(codecs.keySet());
  }

  /** The codecs registered on the class path of {@code loader}. */
  public static CodecRegistry load(ClassLoader loader) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (ServiceLoader.Provider<ChatCodecProvider> service
        : ServiceLoader.load(ChatCodecProvider.class, loader).stream().toList()) {
      ChatCodecProvider provider = service.get();
      String name = provider.name();
      if (name == null) {
        ChatCodec codec = provider.create();
        add(byName, codec.name(), new Entry(codec.getClass().getName(), () -> codec));
      } else {
        add(byName, name, new Entry(provider.getClass().getName(), () -> created(provider, name)));
      }
    }
    return new CodecRegistry(byName);
  }

  /** The codecs registered on this class's class path. */
  public static CodecRegistry load() {
    return load(CodecRegistry.class.getClassLoader());
  }

  /** A registry of exactly these codecs. */
  public static CodecRegistry of(Collection<ChatCodec> codecs) {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (ChatCodec codec : codecs) {
      add(byName, codec.name(), new Entry(codec.getClass().getName(), () -> codec));
    }
    return new CodecRegistry(byName);
  }

  private static void add(Map<String, Entry> byName, String name, Entry entry) {
    Entry previous = byName.putIfAbsent(name, entry);
    if (previous != null) {
      throw new IllegalStateException("two codecs are named '" + name + "': " + previous.source + " and "
          + entry.source + "; known codecs: " + String.join(", ", byName.keySet()));
    }
  }

  private static ChatCodec created(ChatCodecProvider provider, String name) {
    ChatCodec codec = provider.create();
    if (!name.equals(codec.name())) {
      throw new IllegalStateException(provider.getClass().getName() + " names its codec '" + name
          + "' but created one named '" + codec.name() + "'");
    }
    return codec;
  }

  /** The codec called {@code name} (created now if this is the first time it is asked for). */
  public ChatCodec get(String name) {
    Entry entry = codecs.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("unknown codec '" + name + "'; known codecs: " + String.join(", ", names()));
    }
    return entry.get();
  }

  /** The known names, in load order. */
  public List<String> names() {
    return order;
  }
}
