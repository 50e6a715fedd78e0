package io.netchat.server.irc;

import io.netchat.codec.ByeCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the session's own answers and messages (not broadcasts) do to the IRC connection, and the
 * lines the client sees for them: a {@code welcome} completes SASL or registration, an
 * {@code error} becomes the numeric of the IRC command it answers, an {@code ok} to a PRIVMSG to a
 * nick is echoed under {@code echo-message}, a {@code dm} is a PRIVMSG, the server's {@code ping}
 * an IRC {@code PING} and a {@code bye} the {@code ERROR} before the close. Event loop only.
 */
final class IrcSessionEvents {
  private IrcSessionEvents() {}

  static List<IrcMessage> lines(IrcConnection irc, ServerMessage message) {
    String server = irc.info().server();
    if (message instanceof ServerMessage.Welcome welcome) {
      irc.pending(welcome.re(), true);
      irc.loggedIn(welcome.nick());
      if (irc.sasl() == IrcConnection.Sasl.CHECKING) {
        irc.sasl(IrcConnection.Sasl.DONE);
        return List.of(irc.numericLine(IrcNumeric.RPL_LOGGEDIN, IrcNames.mask(welcome.nick()), welcome.nick(),
                "You are now logged in as " + welcome.nick()),
            irc.numericLine(IrcNumeric.RPL_SASLSUCCESS, "SASL authentication successful"));
      }
      return List.of();
    }
    if (message instanceof ServerMessage.Error error) {
      IrcConnection.Pending why = irc.pending(error.re(), true);
      if (why != null && (why.verb().equals("NICK") || why.verb().equals("AUTHENTICATE")) && !irc.loggedIn()) {
        irc.helloRefused();
        if (why.verb().equals("AUTHENTICATE")) {
          irc.sasl(IrcConnection.Sasl.NONE);
        }
      }
      return IrcAnswers.error(error, why, irc.nick(), server);
    }
    if (message instanceof ServerMessage.Ok ok) {
      return answered(irc, irc.pending(ok.re(), true), ok);
    }
    if (message instanceof ServerMessage.Left left) {
      IrcConnection.Pending why = irc.pending(left.re(), false);
      String channel = IrcNames.channel(left.room());
      irc.parted(channel);
      String reason = why == null ? null : why.text();
      return List.of(reason == null ? IrcMessage.of(IrcNames.mask(irc.nick()), "PART", channel)
          : IrcMessage.of(IrcNames.mask(irc.nick()), "PART", channel, reason));
    }
    if (message instanceof ServerMessage.Topic topic) {
      String channel = IrcNames.channel(topic.room());
      return List.of(topic.text().isEmpty()
          ? irc.numericLine(IrcNumeric.RPL_NOTOPIC, channel, "No topic is set")
          : irc.numericLine(IrcNumeric.RPL_TOPIC, channel, topic.text()));
    }
    if (message instanceof ServerMessage.Dm dm) {
      IrcRender.Tags tags = irc.tags();
      return IrcRender.text(IrcNames.mask(dm.from()), "PRIVMSG", irc.nick(), dm.text(), false,
          tags.time() ? dm.ts() : null, tags.msgid() ? dm.msgid() : null);
    }
    if (message instanceof ServerMessage.Ping ping) {
      return List.of(IrcMessage.of(null, "PING", ping.id()));
    }
    if (message instanceof ServerMessage.Bye bye) {
      String reason = bye.byeCode() == ByeCode.QUIT ? "Quit: " + bye.reason() : bye.reason();
      return List.of(IrcMessage.of(null, "ERROR", "Closing link (" + reason + ")"));
    }
    if (message instanceof ServerMessage.Notice notice) {
      return List.of(IrcMessage.of(server, "NOTICE", irc.nick(), notice.text()));
    }
    if (message instanceof ServerMessage.Invite invite) {
      return List.of(IrcMessage.of(IrcNames.mask(invite.by()), "INVITE", irc.nick(), IrcNames.channel(invite.room())));
    }
    if (message instanceof ServerMessage.Kick || message instanceof ServerMessage.Presence
        || message instanceof ServerMessage.Topic) {
      return IrcRender.broadcast(message, irc.tags(), server);
    }
    // A join backlog or history (IRC has no replay), a gap, a pong to our own ping: nothing to show.
    return IrcAnswers.framed(message, irc.nick(), server);
  }

  /** After the lines of {@code message} are written: a welcome may complete registration. */
  static void after(IrcConnection irc, ServerMessage message) {
    if (message instanceof ServerMessage.Welcome) {
      irc.tryRegister();
    }
  }

  /** An {@code ok}: a JOIN is tracked for {@code JOIN 0}; a PRIVMSG or NOTICE to a nick is echoed under echo-message. */
  private static List<IrcMessage> answered(IrcConnection irc, IrcConnection.Pending why, ServerMessage.Ok ok) {
    if (why == null) {
      return List.of();
    }
    if (why.verb().equals("JOIN")) {
      irc.joined(why.target());
    } else if ((why.verb().equals("PRIVMSG") || why.verb().equals("NOTICE")) && why.text() != null
        && irc.has(IrcCaps.ECHO_MESSAGE)) {
      return new ArrayList<>(IrcRender.text(IrcNames.mask(irc.nick()), why.verb(), why.target(), why.text(), false,
          null, irc.tags().msgid() ? ok.msgid() : null));
    }
    return List.of();
  }
}
