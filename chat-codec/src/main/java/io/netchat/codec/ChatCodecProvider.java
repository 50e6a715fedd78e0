package io.netchat.codec;

/**
 * The service interface through which {@link java.util.ServiceLoader} finds codecs. A new codec
 * is a class implementing this plus a line naming it in
 * {@code META-INF/services/io.netchat.codec.ChatCodecProvider}.
 */
public interface ChatCodecProvider {

  /**
   * Creates the codec; called once: when the registry loads, or, for a provider that gives its
   * {@link #name()}, when the codec is first asked for.
   */
  ChatCodec create();

  /**
   * The name of the codec {@link #create} makes, when the provider knows it without making one:
   * the registry then creates the codec only when it is first asked for, so a codec no listener
   * uses costs nothing at start. Null (the default): the codec is created when the registry loads.
   */
  default String name() {
    return null;
  }
}
