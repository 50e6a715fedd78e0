package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One IRC connection's codec for the answers a room frames ahead of time ({@code joined}, a page
 * of members): they are addressed to the connection's nick, so each connection has its own. Runs on
 * the room's loop; reads only the connection's volatile nick, and hands the request for a next page of
 * names to the connection's loop. Its frames are never cut to fit ({@link IrcHandler} gives its
 * format no practical frame limit): a long list of names is several pages, each several lines.
 */
final class IrcAnswerCodec extends IrcLinesCodec {
  private final IrcConnection irc;

  IrcAnswerCodec(IrcConnection irc) {
    this.irc = irc;
  }

  @Override
  void render(ServerMessage answer, ByteBuf out) {
    List<IrcMessage> replied = IrcReplies.framed(irc, answer); // WHO, LIST, WHOIS, … render their own
    for (IrcMessage line : replied != null ? replied : IrcAnswers.framed(answer, irc.nick(), irc.info().server())) {
      line.write(out);
    }
    String after = replied != null ? null : IrcAnswers.moreAfter(answer);
    if (after != null) {
      String room = answer instanceof ServerMessage.Joined joined ? joined.room() : ((ServerMessage.Members) answer).room();
      irc.moreNames(room, after); // the next page, and 366 after the last
    }
  }
}
