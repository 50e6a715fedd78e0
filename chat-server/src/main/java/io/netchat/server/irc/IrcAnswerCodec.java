package io.netchat.server.irc;

import io.netchat.codec.ChatCodec;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;

/**
 * One IRC connection's codec for the answers a room frames ahead of time ({@code joined}, a page
 * of members): they are addressed to the connection's nick, so each connection has its own. Runs on
 * the room's loop; reads only the connection's volatile nick, and hands the request for a next page of
 * names to the connection's loop. Its frames are never cut to fit ({@link IrcHandler} gives its
 * format no practical frame limit): a long list of names is several pages, each several lines.
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
    ServerMessage answer = (ServerMessage) message;
    for (IrcMessage line : IrcAnswers.framed(answer, irc.nick(), irc.info().server())) {
      line.write(out);
    }
    String after = IrcAnswers.moreAfter(answer);
    if (after != null) {
      String room = answer instanceof ServerMessage.Joined joined ? joined.room() : ((ServerMessage.Members) answer).room();
      irc.moreNames(room, after); // the next page, and 366 after the last
    }
  }
}
