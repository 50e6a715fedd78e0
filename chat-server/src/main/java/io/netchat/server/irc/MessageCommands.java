package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;

/**
 * {@code PRIVMSG} and {@code NOTICE}: to {@code #room} a netchat {@code say} (a CTCP ACTION its
 * {@code action: true}), to a nick a netchat {@code dm}. A NOTICE is never answered with an
 * error; other CTCP requests are not forwarded.
 */
final class MessageCommands implements IrcCommands.Group {
  @Override
  public void addTo(IrcCommands table) {
    table.add("PRIVMSG", 0, (irc, line) -> send(irc, line, false))
        .add("NOTICE", 0, (irc, line) -> send(irc, line, true));
  }

  private static void send(IrcConnection irc, IrcMessage line, boolean notice) {
    String verb = line.command();
    if (line.params().isEmpty() || line.param(0).isEmpty()) {
      if (!notice) {
        irc.reply(IrcNumeric.ERR_NORECIPIENT, "No recipient given (" + verb + ")");
      }
      return;
    }
    IrcText.Inbound text = line.param(1) == null ? null : IrcText.in(line.param(1));
    if (text == null || (!text.ctcp() && text.text().isEmpty())) {
      if (!notice) {
        irc.reply(IrcNumeric.ERR_NOTEXTTOSEND, "No text to send");
      }
      return;
    }
    if (text.ctcp()) {
      return; // CTCP requests (VERSION, PING, …) have no netchat form
    }
    String[] targets = line.param(0).split(",");
    for (int i = 0; i < targets.length; i++) {
      String target = targets[i];
      if (i >= IrcServerInfo.MAXTARGETS) {
        if (!notice) {
          irc.reply(IrcNumeric.ERR_TOOMANYTARGETS, target, "Too many recipients");
        }
        continue;
      }
      String room = IrcNames.room(target);
      if (room != null) {
        irc.dispatch(new IrcConnection.Pending("PRIVMSG", target, null, notice),
            id -> new ClientMessage.Say(id, room, text.text(), null, text.action() ? true : null));
      } else if (target.startsWith("#")) {
        if (!notice) {
          irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, target, "No such channel");
        }
      } else {
        String said = text.action() ? "* " + irc.nick() + " " + text.text() : text.text();
        irc.dispatch(new IrcConnection.Pending(notice ? "NOTICE" : "PRIVMSG", target, said, notice),
            id -> new ClientMessage.Dm(id, target, said));
      }
    }
  }
}
