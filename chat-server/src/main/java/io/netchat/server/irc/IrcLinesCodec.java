package io.netchat.server.irc;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;

/**
 * What the IRC listener's codecs share: the name {@code irc}, text payloads, no decoding (the IRC
 * pipeline's {@link io.netchat.codec.IrcMessageDecoder} and translator decode), and
 * {@link IrcMessage}s written as they are; each subclass renders netchat's messages its own way.
 */
abstract sealed class IrcLinesCodec implements ChatCodec permits IrcCodec, IrcAnswerCodec {

  @Override
  public final String name() {
    return WireFormat.IRC;
  }

  @Override
  public final boolean binary() {
    return false;
  }

  @Override
  public final <M> M decode(ByteBuf payload, Class<M> side) {
    throw new ChatCodecException(ErrorCode.BAD_FRAME, "the irc codec does not decode netchat messages");
  }

  @Override
  public final void encode(Object message, ByteBuf out) {
    if (message instanceof IrcMessage line) {
      line.write(out);
    } else if (message instanceof ServerMessage server) {
      render(server, out);
    } else {
      throw new IllegalArgumentException("not an IRC line nor a server message: " + message.getClass().getName());
    }
  }

  /** Appends the IRC lines of {@code message}. */
  abstract void render(ServerMessage message, ByteBuf out);
}
