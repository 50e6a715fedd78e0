package io.netchat.client.cli;

import static io.netchat.client.cli.TerminalText.escape;

import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The moderation events of contract 1.1 §17 for people: {@code [lobby] * ann kicked bob (spam)},
 * modes as IRC-style flags, the ban list one per line. Everything from the wire is escaped.
 */
final class ModerationText {
  private ModerationText() {}

  /** The line(s) for {@code event}, or null when it is not a moderation event. */
  static String format(ServerMessage event) {
    if (event instanceof ServerMessage.Kick k) {
      return room(k.room()) + " * " + escape(k.by()) + " kicked " + escape(k.nick()) + reason(k.reason());
    }
    if (event instanceof ServerMessage.Role r) {
      return room(r.room()) + " * " + escape(r.by()) + " made " + escape(r.nick()) + switch (r.role()) {
        case "member" -> " a plain member";
        case "op" -> " an op";
        case "owner" -> " the owner";
        default -> " " + escape(r.role());
      };
    }
    if (event instanceof ServerMessage.Mode m) {
      return room(m.room()) + (m.by() == null ? " * modes: " + flags(m, true) : " * " + escape(m.by()) + " set mode "
          + flags(m, false));
    }
    if (event instanceof ServerMessage.Ban b) {
      return room(b.room()) + " * " + escape(b.by()) + " banned " + escape(b.mask())
          + (b.durationS() == null ? "" : " for " + b.durationS() + " s") + reason(b.reason());
    }
    if (event instanceof ServerMessage.Unban u) {
      return room(u.room()) + " * " + escape(u.by()) + " lifted the ban of " + escape(u.mask());
    }
    if (event instanceof ServerMessage.Bans b) {
      if (b.bans().isEmpty()) {
        return room(b.room()) + " * no bans";
      }
      return room(b.room()) + " * bans" + (b.next() == null ? "" : " (more follow)") + ":\n" + b.bans().stream()
          .map(ban -> "  " + escape(ban.mask()) + " by " + escape(ban.by())
              + (ban.expires() == null ? "" : " until " + ban.expires()) + reason(ban.reason()))
          .collect(Collectors.joining("\n"));
    }
    if (event instanceof ServerMessage.Invite i) {
      return "* " + escape(i.by()) + " invites you to " + room(i.room()) + "; /join " + escape(i.room());
    }
    if (event instanceof ServerMessage.Notice n) {
      return "! notice" + (n.by() == null ? "" : " from " + escape(n.by())) + ": " + escape(n.text());
    }
    return null;
  }

  /** The modes as flags: a change shows what it set ({@code +m -k}), a read every mode that is on. */
  private static String flags(ServerMessage.Mode m, boolean read) {
    List<String> out = new ArrayList<>();
    flag(out, m.inviteOnly(), "i", read);
    flag(out, m.moderated(), "m", read);
    flag(out, m.topicLocked(), "t", read);
    flag(out, m.secret(), "s", read);
    if (m.key() != null && (!read || !m.key().isEmpty())) {
      out.add(m.key().isEmpty() ? "-k" : "+k " + escape(m.key()));
    }
    if (m.limit() != null && (!read || m.limit() > 0)) {
      out.add(m.limit() == 0 ? "-l" : "+l " + m.limit());
    }
    return out.isEmpty() ? "(none)" : String.join(" ", out);
  }

  private static void flag(List<String> out, Boolean value, String letter, boolean read) {
    if (value != null && (!read || value)) {
      out.add((value ? "+" : "-") + letter);
    }
  }

  private static String reason(String reason) {
    return reason == null || reason.isEmpty() ? "" : " (" + escape(reason) + ")";
  }

  private static String room(String room) {
    return "[" + escape(room) + "]";
  }
}
