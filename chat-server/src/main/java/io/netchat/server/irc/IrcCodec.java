package io.netchat.server.irc;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;

/**
 * The {@code irc} codec of a listener: writes {@link IrcMessage}s, and renders the room events
 * every member sees alike ({@link IrcRender#broadcast}) with one combination of message tags, so
 * that a broadcast is encoded once per combination in use. Decoding is the IRC pipeline's
 * ({@link io.netchat.codec.IrcMessageDecoder} and the listener's translator), not a codec's.
 * Immutable and thread-safe.
 */
public final class IrcCodec implements ChatCodec {
  private final IrcRender.Tags tags;
  private final String server;

  public IrcCodec(IrcRender.Tags tags, String server) {
    this.tags = tags;
    this.server = server;
  }

  /** The codec without tags, named by configuration. */
  public IrcCodec() {
    this(IrcRender.Tags.NONE, "netchat");
  }

  @Override
  public String name() {
    return WireFormat.IRC;
  }

  @Override
  public boolean binary() {
    return false;
  }

  @Override
  public <M> M decode(ByteBuf payload, Class<M> side) {
    throw new ChatCodecException(ErrorCode.BAD_FRAME, "the irc codec does not decode netchat messages");
  }

  @Override
  public void encode(Object message, ByteBuf out) {
    if (message instanceof IrcMessage line) {
      line.write(out);
    } else if (message instanceof ServerMessage event) {
      for (IrcMessage line : IrcRender.broadcast(event, tags, server)) {
        line.write(out);
      }
    } else {
      throw new IllegalArgumentException("not an IRC line nor a server message: " + message.getClass().getName());
    }
  }
}
