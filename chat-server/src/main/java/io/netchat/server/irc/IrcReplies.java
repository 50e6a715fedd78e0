package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;

/** Routes netchat's answers to the {@link IrcReply} of the IRC command they answer, when it has one. */
final class IrcReplies {
  private IrcReplies() {}

  /** The {@code re} of an answer, or null. */
  static String re(ServerMessage message) {
    if (message instanceof ServerMessage.Ok ok) {
      return ok.re();
    } else if (message instanceof ServerMessage.Error error) {
      return error.re();
    } else if (message instanceof ServerMessage.Mode mode) {
      return mode.re();
    } else if (message instanceof ServerMessage.Members members) {
      return members.re();
    } else if (message instanceof ServerMessage.Rooms rooms) {
      return rooms.re();
    } else if (message instanceof ServerMessage.Bans bans) {
      return bans.re();
    } else if (message instanceof ServerMessage.Whois whois) {
      return whois.re();
    }
    return null;
  }

  /** The lines of an answer framed ahead of time, by its command's reply; null: the default. Any thread. */
  static List<IrcMessage> framed(IrcConnection irc, ServerMessage message) {
    IrcReply reply = irc.reply(re(message));
    return reply == null ? null : reply.framed(message, irc.nick(), irc.info().server());
  }

  /** The lines of an answer written as a message, by its command's reply; null: the default. Session loop. */
  static List<IrcMessage> answered(IrcConnection irc, ServerMessage message) {
    String re = re(message);
    IrcConnection.Pending why = irc.pending(re, false);
    if (why == null || why.reply() == null) {
      return null;
    }
    if (message instanceof ServerMessage.Ok ok) {
      irc.pending(re, true);
      return why.reply().ok(irc, ok);
    }
    if (message instanceof ServerMessage.Error error) {
      List<IrcMessage> lines = why.silent() ? List.of() : why.reply().error(irc, error);
      if (lines != null) {
        irc.pending(re, true);
      }
      return lines;
    }
    return why.reply().answer(irc, message);
  }
}
