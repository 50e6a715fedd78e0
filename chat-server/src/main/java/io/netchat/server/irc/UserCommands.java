package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;

/**
 * What a registered user changes about itself or asks of another: {@code AWAY} (netchat's
 * {@code away}, §14.2; {@code 306}/{@code 305}), {@code INVITE} (netchat's {@code invite}, §17;
 * {@code 341}) and {@code NICK} after registration (netchat's {@code nick}, §14.1: the client sees
 * its own {@code NICK} line, its peers theirs). A {@code PRIVMSG} to an away user is answered
 * {@code 301} ({@link #awayCheck}).
 */
final class UserCommands implements IrcCommands.Group {
  @Override
  public void addTo(IrcCommands table) {
    table.add("AWAY", 0, UserCommands::away)
        .add("INVITE", 2, UserCommands::invite);
  }

  private static void away(IrcConnection irc, IrcMessage line) {
    String raw = line.param(0);
    String text = raw == null ? null : IrcText.strip(raw);
    String away = text == null || text.isEmpty() ? null : text;
    irc.dispatch(new IrcConnection.Pending("AWAY", "*", away, false, new Away(away != null)),
        id -> new ClientMessage.Away(id, away));
  }

  private static void invite(IrcConnection irc, IrcMessage line) {
    String nick = line.param(0);
    String channel = line.param(1);
    String room = IrcNames.room(channel);
    if (room == null) {
      irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, channel, "No such channel");
      return;
    }
    irc.dispatch(new IrcConnection.Pending("INVITE", channel, nick, false, new Invite(nick, channel)),
        id -> new ClientMessage.Invite(id, room, nick));
  }

  /** {@code NICK new} once registered: netchat's {@code nick}; refusals as at registration (432, 433). */
  static void changeNick(IrcConnection irc, String wanted) {
    if (wanted.equals(irc.nick())) {
      return;
    }
    irc.dispatch(new IrcConnection.Pending("NICK", wanted, null, false, new Rename(wanted)),
        id -> new ClientMessage.Nick(id, wanted));
  }

  /**
   * After a {@code PRIVMSG} to {@code nick}: a {@code whois} that answers {@code 301} when the user
   * is away, and nothing otherwise (netchat's {@code ok} to a dm does not say it).
   */
  static void awayCheck(IrcConnection irc, String nick) {
    irc.dispatch(new IrcConnection.Pending("PRIVMSG", nick, null, true, new AwayCheck()),
        id -> new ClientMessage.Whois(id, nick, null, 1));
  }

  private record Away(boolean away) implements IrcReply {
    @Override
    public List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      return List.of(away ? irc.numericLine(IrcReplyNumeric.RPL_NOWAWAY, "You have been marked as being away")
          : irc.numericLine(IrcReplyNumeric.RPL_UNAWAY, "You are no longer marked as being away"));
    }
  }

  private record Invite(String nick, String channel) implements IrcReply {
    @Override
    public List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_INVITING, nick, channel));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      ErrorCode code = error.errorCode();
      if (code == ErrorCode.NO_SUCH_USER || code == ErrorCode.INVALID_NAME) {
        return List.of(irc.numericLine(IrcNumeric.ERR_NOSUCHNICK, nick, "No such nick/channel"));
      }
      if (code == ErrorCode.BAD_REQUEST) { // the only one netchat's invite answers: the user is in the room
        return List.of(irc.numericLine(IrcReplyNumeric.ERR_USERONCHANNEL, nick, channel, "is already on channel"));
      }
      return ChannelRefusals.of(irc, error, channel);
    }
  }

  /** The nick change took: the client's own {@code NICK} line (netchat sends the changer no presence). */
  private record Rename(String wanted) implements IrcReply {
    @Override
    public List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      String old = irc.nick();
      irc.loggedIn(wanted);
      return List.of(IrcMessage.of(IrcNames.mask(old), "NICK", wanted));
    }
  }

  private record AwayCheck() implements IrcReply {
    @Override
    public List<IrcMessage> framed(ServerMessage answer, String nick, String server) {
      if (answer instanceof ServerMessage.Whois whois) {
        return whois.away() == null ? List.of()
            : List.of(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_AWAY, nick, whois.nick(), whois.away()));
      }
      return null;
    }
  }
}
