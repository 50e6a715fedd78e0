package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * netchat's modes, roles and bans (PROTOCOL §17) as IRC channel modes: {@code invite_only} is
 * {@code +i}, {@code key} {@code +k}, {@code limit} {@code +l}, {@code moderated} {@code +m},
 * {@code secret} {@code +s}, {@code topic_locked} {@code +t}; the roles {@code owner} and
 * {@code op} {@code +o}, {@code voice} {@code +v}; a ban {@code +b}. Every room is {@code +n}
 * (only members speak), a mode no one can unset. A role event does not say the
 * role it replaces, and a member holds one role: {@code voice} shows as {@code -o+v},
 * {@code member} as {@code -ov}, so every client ends with the right prefix. Stateless.
 */
final class ModeLines {
  private ModeLines() {}

  /** The {@code MODE} line of a moderation event, from the member who made it; none for a kick. */
  static List<IrcMessage> event(ServerMessage.RoomEvent event, String server) {
    String channel = IrcNames.channel(event.room());
    Changes changes = new Changes();
    if (event instanceof ServerMessage.Mode mode) {
      modes(changes, mode, true);
    } else if (event instanceof ServerMessage.Role role) {
      switch (role.role()) {
        case "owner", "op" -> changes.add('+', 'o', role.nick());
        case "voice" -> changes.add('-', 'o', role.nick()).add('+', 'v', role.nick());
        default -> changes.add('-', 'o', role.nick()).add('-', 'v', role.nick());
      }
    } else if (event instanceof ServerMessage.Ban ban) {
      changes.add('+', 'b', IrcBanMasks.toIrc(ban.mask()));
    } else if (event instanceof ServerMessage.Unban unban) {
      changes.add('-', 'b', IrcBanMasks.toIrc(unban.mask()));
    }
    if (changes.isEmpty()) {
      return List.of();
    }
    return List.of(new IrcMessage(java.util.Map.of(), event.by() == null ? server : IrcNames.mask(event.by()), "MODE",
        changes.params(channel)));
  }

  /**
   * The modes of {@code mode} as changes: with {@code event}, the fields present (a boolean
   * {@code false}, a {@code ""} key, a 0 limit are a {@code -}); without, the modes set now ({@code 324}).
   */
  static void modes(Changes changes, ServerMessage.Mode mode, boolean event) {
    flag(changes, 'i', mode.inviteOnly(), event);
    if (mode.key() != null && (event || !mode.key().isEmpty())) {
      changes.add(mode.key().isEmpty() ? '-' : '+', 'k', mode.key().isEmpty() ? "*" : mode.key());
    }
    if (mode.limit() != null && (event || mode.limit() > 0)) {
      if (mode.limit() > 0) {
        changes.add('+', 'l', String.valueOf(mode.limit()));
      } else {
        changes.add('-', 'l', null);
      }
    }
    flag(changes, 'm', mode.moderated(), event);
    if (!event) {
      changes.add('+', 'n', null); // no messages from outside: netchat's rule for every room
    }
    flag(changes, 's', mode.secret(), event);
    flag(changes, 't', mode.topicLocked(), event);
  }

  private static void flag(Changes changes, char letter, Boolean on, boolean event) {
    if (on != null && (on || event)) {
      changes.add(on ? '+' : '-', letter, null);
    }
  }

  /** A mode string being built, {@code +ab-c}, with the parameters of its letters in order. */
  static final class Changes {
    private final StringBuilder letters = new StringBuilder();
    private final List<String> params = new ArrayList<>();
    private char sign;

    Changes add(char sign, char letter, String param) {
      if (sign != this.sign) {
        letters.append(sign);
        this.sign = sign;
      }
      letters.append(letter);
      if (param != null) {
        params.add(param);
      }
      return this;
    }

    boolean isEmpty() {
      return letters.isEmpty();
    }

    /** {@code target}, the mode string ({@code +} when empty) and its parameters. */
    List<String> params(String target) {
      List<String> all = new ArrayList<>(params.size() + 2);
      all.add(target);
      all.add(letters.isEmpty() ? "+" : letters.toString());
      all.addAll(params);
      return all;
    }
  }
}
