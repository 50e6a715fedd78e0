package io.netchat.codec;

import io.netty.buffer.ByteBuf;

/**
 * Turns one frame's payload into a message and a message into payload bytes. A codec is a named
 * provider found through {@link CodecRegistry}; the framing around the payload is not its concern.
 *
 * <p>Implementations are immutable and thread-safe: one instance serves every channel.
 */
public interface ChatCodec {

  /** The name configuration uses to pick this codec, e.g. {@code "json"}. */
  String name();

  /**
   * Whether the payload may hold any byte. A binary codec cannot run over the {@code line}
   * framing, whose frames end at the first newline byte.
   */
  boolean binary();

  /**
   * Decodes one frame's payload, which must be an instance of {@code side}
   * ({@code ClientMessage.class} on the server, {@code ServerMessage.class} on the client).
   * Reads the payload but does not release it.
   *
   * @throws ChatCodecException with the contract's error code; never anything else for bad input
   */
  <M> M decode(ByteBuf payload, Class<M> side);

  /** Appends the payload bytes of {@code message} to {@code out}. */
  void encode(Object message, ByteBuf out);

  /**
   * Does now, off the event loops, whatever work decoding {@code side.inbound()} and encoding
   * {@code side.outbound()} would otherwise do on first use (a codec over a reflective mapper
   * builds its readers and writers). The server and the client call it before their pipelines
   * run; a codec with nothing to build keeps this default, which does nothing.
   */
  default void prepare(Side side) {}
}
