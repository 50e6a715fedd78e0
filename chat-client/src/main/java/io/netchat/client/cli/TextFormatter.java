package io.netchat.client.cli;

import static io.netchat.client.cli.TerminalText.escape;

import io.netchat.client.ConnectionEvent;
import io.netchat.codec.ServerMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders events for people: {@code [lobby] <ann> hello}. Returns {@code null} for protocol
 * chatter a person does not need to see ({@code ok}, {@code ping}, {@code pong}). Every string
 * that came from the wire (text, nicks, rooms, topics, reasons, error messages) goes through
 * {@link TerminalText#escape}, so one rendered event is always one line of its own (a history is
 * several, each indented).
 */
final class TextFormatter {
  private final DateTimeFormatter clock;

  TextFormatter(ZoneId zone) {
    this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
  }

  String format(ServerMessage event) {
    if (event instanceof ServerMessage.Message m) {
      return line(m);
    }
    if (event instanceof ServerMessage.Dm dm) {
      return clock.format(dm.ts()) + " *" + escape(dm.from()) + otherAccount(dm.from(), dm.account()) + "* -> "
          + escape(dm.to()) + ": " + escape(dm.text())
          + (dm.wasStored() ? " (sent " + dm.ts() + ", kept while you were away)" : "");
    }
    if (event instanceof ServerMessage.Presence p) {
      return room(p.room()) + " * " + escape(p.nick()) + " " + presence(p);
    }
    if (event instanceof ServerMessage.Whois w) {
      return "* " + escape(w.nick()) + (w.account() == null ? "" : " (account " + escape(w.account())
          + (w.sessions() == null || w.sessions() < 2 ? "" : ", " + w.sessions() + " sessions") + ")")
          + (w.away() == null ? "" : " is away: " + escape(w.away()) + ";")
          + " in " + (w.rooms().isEmpty() ? "no rooms" : names(w.rooms()) + (w.next() == null ? "" : ", …"))
          + "; logged in " + clock.format(w.since());
    }
    if (event instanceof ServerMessage.Joined j) {
      return room(j.room()) + " * you joined (" + j.memberCount() + " here: " + names(j.members())
          + (j.members().size() < j.memberCount() ? ", …" : "")
          + (j.topic() == null || j.topic().isEmpty() ? "" : "; topic: " + escape(j.topic())) + ")";
    }
    if (event instanceof ServerMessage.Left l) {
      return room(l.room()) + " * you left";
    }
    if (event instanceof ServerMessage.Topic t) {
      return room(t.room()) + " * topic: " + (t.text().isEmpty() ? "(none)" : escape(t.text()))
          + (t.by() == null ? "" : " (set by " + escape(t.by()) + ")");
    }
    if (event instanceof ServerMessage.Members m) {
      return room(m.room()) + " * members (" + m.nicks().size() + (m.next() == null ? "" : ", more follow") + "): "
          + names(m.nicks());
    }
    if (event instanceof ServerMessage.Rooms r) {
      return r.rooms().isEmpty() ? "* no rooms" : "* rooms (" + r.rooms().size()
          + (r.next() == null ? "" : ", more follow") + "): " + r.rooms().stream()
          .map(info -> escape(info.name()) + " (" + info.members() + ")"
              + (info.topic() == null || info.topic().isEmpty() ? "" : " " + escape(info.topic())))
          .collect(Collectors.joining(", "));
    }
    if (event instanceof ServerMessage.History h) {
      if (h.messages().isEmpty()) {
        return room(h.room()) + " * no history";
      }
      return room(h.room()) + " * history" + (h.hasMore() ? " (older messages are held)" : "")
          + ":\n" + h.messages().stream().map(m -> "  " + line(m))
          .collect(Collectors.joining("\n"));
    }
    if (event instanceof ServerMessage.Gap g && g.inDms()) {
      return "* " + (g.to() - g.from() + 1) + " direct message(s) kept while you were away were dropped (the oldest)";
    }
    if (event instanceof ServerMessage.Gap g) {
      return room(g.room()) + " * messages " + g.from() + ".." + g.to() + " are no longer available";
    }
    String moderation = ModerationText.format(event);
    if (moderation != null) {
      return moderation;
    }
    if (event instanceof ServerMessage.Welcome w) {
      return "* logged in as " + escape(w.nick()) + " on " + escape(w.server());
    }
    if (event instanceof ServerMessage.Error e) {
      return "! error " + escape(e.code()) + ": " + escape(e.message());
    }
    if (event instanceof ServerMessage.Bye b) {
      return "* server closed the session: " + escape(b.reason());
    }
    return null;
  }

  /** What a presence says after the nick: {@code joined}, {@code quit (reason)}, {@code is now bob}, … */
  private static String presence(ServerMessage.Presence p) {
    return switch (p.event()) {
      case ServerMessage.Presence.JOIN -> "joined";
      case ServerMessage.Presence.LEAVE -> "left";
      case ServerMessage.Presence.QUIT -> "quit" + (p.reason() == null ? "" : " (" + escape(p.reason()) + ")");
      case ServerMessage.Presence.NICK -> "is now " + escape(p.newNick());
      case ServerMessage.Presence.AWAY -> "is away" + (p.text() == null ? "" : ": " + escape(p.text()));
      case ServerMessage.Presence.BACK -> "is back";
      default -> escape(p.event());
    };
  }

  String format(ConnectionEvent event) {
    String detail = escape(event.detail());
    return switch (event.kind()) {
      case CONNECTED -> "* connected to " + detail;
      case DISCONNECTED -> "* disconnected: " + detail;
      case RECONNECTING -> "* reconnecting: " + detail;
      case RECONNECTED -> "* reconnected to " + detail;
      case CLOSED -> "* closed: " + detail;
    };
  }

  /** A direct message as both its sender and its recipient see it: {@code 09:30 *ann* -> bob: hi}. */
  String dm(Instant ts, String from, String to, String text) {
    return clock.format(ts) + " *" + escape(from) + "* -> " + escape(to) + ": " + escape(text);
  }

  private String line(ServerMessage.Message m) {
    return clock.format(m.ts()) + " " + room(m.room())
        + (m.hasAction() ? " * " + escape(m.from()) + otherAccount(m.from(), m.account()) + " "
            : " <" + escape(m.from()) + otherAccount(m.from(), m.account()) + "> ") + escape(m.text());
  }

  /**
   * The sender's account after its nick, {@code (~alice)}, when it is not the nick itself (a
   * device that changed its nick, §12.9): a person then sees who is really writing.
   */
  private static String otherAccount(String nick, String account) {
    return account == null || account.equalsIgnoreCase(nick) ? "" : " (~" + escape(account) + ")";
  }

  private static String room(String room) {
    return "[" + escape(room) + "]";
  }

  private static String names(List<String> nicks) {
    return nicks.stream().map(TerminalText::escape).collect(Collectors.joining(", "));
  }
}
