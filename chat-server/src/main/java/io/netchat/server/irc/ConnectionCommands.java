package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;

/**
 * {@code PING} (answered {@code PONG}), {@code QUIT} (netchat's quit, with its reason), {@code MOTD}
 * and {@code LUSERS} (as at registration); {@code PONG} goes straight to the session.
 */
final class ConnectionCommands implements IrcCommands.Group {
  @Override
  public void addTo(IrcCommands table) {
    table.add("PING", 0, true, ConnectionCommands::ping)
        .add("QUIT", 0, true, ConnectionCommands::quit)
        .add("MOTD", 0, (irc, line) -> IrcWelcome.motd(irc).forEach(irc::send))
        .add("LUSERS", 0, (irc, line) -> IrcWelcome.lusers(irc).forEach(irc::send));
  }

  private static void ping(IrcConnection irc, IrcMessage line) {
    if (line.params().isEmpty() || line.param(0).isEmpty()) {
      irc.reply(IrcNumeric.ERR_NOORIGIN, "No origin specified");
      return;
    }
    String server = irc.info().server();
    irc.send(IrcMessage.of(server, "PONG", server, line.param(0)));
  }

  private static void quit(IrcConnection irc, IrcMessage line) {
    String reason = line.param(0);
    String text = reason == null ? null : IrcText.strip(reason);
    irc.dispatch(new IrcConnection.Pending("QUIT", "*", null, true),
        id -> new ClientMessage.Quit(id, text == null || text.isBlank() ? null : text));
  }
}
