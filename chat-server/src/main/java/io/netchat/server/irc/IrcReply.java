package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;

/**
 * How an IRC command shows the answers netchat sends for it, when its command group renders them
 * itself (MODE, WHO, WHOIS, LIST, …) rather than {@link IrcAnswers}: carried by the command's
 * {@link IrcConnection.Pending}. Each method returns the lines to send; {@code null} leaves the
 * answer to the default rendering.
 */
interface IrcReply {

  /**
   * The lines of an answer framed ahead of time (a page of members, rooms or bans, a whois), on
   * whichever loop frames it: must be thread-safe.
   */
  default List<IrcMessage> framed(ServerMessage answer, String nick, String server) {
    return null;
  }

  /** The lines of the command's {@code ok} (session loop); the command is then done. */
  default List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
    return List.of();
  }

  /** The lines of the command's {@code error} (session loop); null: {@link IrcAnswers#error}. */
  default List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
    return null;
  }

  /** The lines of another answer written as a message, e.g. a mode read (session loop); null: the default. */
  default List<IrcMessage> answer(IrcConnection irc, ServerMessage answer) {
    return null;
  }
}
