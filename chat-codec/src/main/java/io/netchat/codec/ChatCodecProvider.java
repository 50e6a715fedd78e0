package io.netchat.codec;

/**
 * The service interface through which {@link java.util.ServiceLoader} finds codecs. A new codec
 * is a class implementing this plus a line naming it in
 * {@code META-INF/services/io.netchat.codec.ChatCodecProvider}.
 */
public interface ChatCodecProvider {

  /** Creates the codec; called once, when the registry loads. */
  ChatCodec create();
}
