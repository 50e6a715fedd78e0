package io.netchat.server.irc;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One IRC connection's codec for the answers a room frames ahead of time ({@code joined}, a page
 * of members): they are addressed to the connection's nick, so each connection has its own. Runs on
 * the room's loop; reads only the connection's volatile nick.
 */
final class IrcAnswerCodec implements ChatCodec {
  private final IrcConnection irc;

  IrcAnswerCodec(IrcConnection irc) {
    this.irc = irc;
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
      return;
    }
    List<IrcMessage> replied = IrcReplies.framed(irc, (ServerMessage) message);
    for (IrcMessage line : replied != null ? replied
        : IrcAnswers.framed((ServerMessage) message, irc.nick(), irc.info().server())) {
      line.write(out);
    }
  }
}
