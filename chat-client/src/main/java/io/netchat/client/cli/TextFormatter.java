package io.netchat.client.cli;

import io.netchat.client.ConnectionEvent;
import io.netchat.codec.ServerMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Renders events for people: {@code [lobby] <ann> hello}. Returns {@code null} for protocol
 * chatter a person does not need to see ({@code ok}, {@code ping}, {@code pong}).
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
      return clock.format(dm.ts()) + " *" + dm.from() + "* -> " + dm.to() + ": " + dm.text();
    }
    if (event instanceof ServerMessage.Presence p) {
      String verb = switch (p.event()) {
        case ServerMessage.Presence.JOIN -> "joined";
        case ServerMessage.Presence.LEAVE -> "left";
        case ServerMessage.Presence.QUIT -> "quit";
        default -> p.event();
      };
      return "[" + p.room() + "] * " + p.nick() + " " + verb;
    }
    if (event instanceof ServerMessage.Joined j) {
      return "[" + j.room() + "] * you joined (" + j.members().size() + " here: " + String.join(", ", j.members())
          + (j.topic() == null || j.topic().isEmpty() ? "" : "; topic: " + j.topic()) + ")";
    }
    if (event instanceof ServerMessage.Left l) {
      return "[" + l.room() + "] * you left";
    }
    if (event instanceof ServerMessage.Topic t) {
      return "[" + t.room() + "] * topic: " + (t.text().isEmpty() ? "(none)" : t.text())
          + (t.by() == null ? "" : " (set by " + t.by() + ")");
    }
    if (event instanceof ServerMessage.Members m) {
      return "[" + m.room() + "] * members: " + String.join(", ", m.nicks());
    }
    if (event instanceof ServerMessage.Rooms r) {
      return r.rooms().isEmpty() ? "* no rooms" : "* rooms: " + r.rooms().stream()
          .map(info -> info.name() + " (" + info.members() + ")"
              + (info.topic() == null || info.topic().isEmpty() ? "" : " " + info.topic()))
          .collect(Collectors.joining(", "));
    }
    if (event instanceof ServerMessage.History h) {
      if (h.messages().isEmpty()) {
        return "[" + h.room() + "] * no history";
      }
      return "[" + h.room() + "] * history:\n" + h.messages().stream().map(m -> "  " + line(m))
          .collect(Collectors.joining("\n"));
    }
    if (event instanceof ServerMessage.Gap g) {
      return "[" + g.room() + "] * messages " + g.from() + ".." + g.to() + " are no longer available";
    }
    if (event instanceof ServerMessage.Welcome w) {
      return "* logged in as " + w.nick() + " on " + w.server();
    }
    if (event instanceof ServerMessage.Error e) {
      return "! error " + e.code() + ": " + e.message();
    }
    if (event instanceof ServerMessage.Bye b) {
      return "* server closed the session: " + b.reason();
    }
    return null;
  }

  String format(ConnectionEvent event) {
    return switch (event.kind()) {
      case CONNECTED -> "* connected to " + event.detail();
      case DISCONNECTED -> "* disconnected: " + event.detail();
      case RECONNECTING -> "* reconnecting: " + event.detail();
      case RECONNECTED -> "* reconnected to " + event.detail();
      case CLOSED -> "* closed: " + event.detail();
    };
  }

  private String line(ServerMessage.Message m) {
    return clock.format(m.ts()) + " [" + m.room() + "] <" + m.from() + "> " + m.text();
  }
}
