package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code MODE}. On a channel, netchat's moderation (PROTOCOL §17) as {@link ModeLines} maps it:
 * {@code MODE #c} reads the modes ({@code 324}); {@code +i +k +l +m +s +t} (and {@code -}) are one
 * netchat {@code mode}; {@code +o +v -o -v} a {@code role}; {@code +b mask}/{@code -b mask} a
 * {@code ban}/{@code unban} ({@link IrcBanMasks}); {@code +b} alone lists the bans ({@code 367},
 * {@code 368}). The change itself shows as the room's event, a {@code MODE} line to every member.
 * On a nick, the user's own modes: only {@code +i}, shown and kept without other effect.
 */
final class ModeCommands implements IrcCommands.Group {
  /** Modes with a parameter one MODE line may hold ({@code MODES}); more are ignored, as servers do. */
  static final int MAX_PARAM_MODES = 12;
  /** The mode of the one netchat {@code mode} a line's flags ({@code +i +k +l +m +s +t}) make. */
  private static final String FLAGS = "*";
  /** Ban list pages read for one {@code MODE #c +b}: netchat holds at most 256 bans per room. */
  private static final int MAX_BAN_PAGES = 8;

  @Override
  public void addTo(IrcCommands table) {
    table.add("MODE", 1, ModeCommands::mode);
  }

  private static void mode(IrcConnection irc, IrcMessage line) {
    String target = line.param(0);
    String room = IrcNames.room(target);
    if (room == null) {
      if (target.startsWith("#")) {
        irc.reply(IrcNumeric.ERR_NOSUCHCHANNEL, target, "No such channel");
      } else {
        userMode(irc, line);
      }
      return;
    }
    if (line.param(1) == null) {
      irc.dispatch(new IrcConnection.Pending("MODE", target, null, false, new ModeRead(target)),
          id -> new ClientMessage.Mode(id, room, null, null, null, null, null, null));
      return;
    }
    channelModes(irc, target, room, line);
  }

  /** Parses {@code +ov-b nick nick mask}: one netchat command per role or ban, one for the flags. */
  private static void channelModes(IrcConnection irc, String channel, String room, IrcMessage line) {
    String modes = line.param(1);
    int next = 2;
    int withParam = 0;
    char sign = '+';
    Flags flags = new Flags();
    boolean listed = false;
    for (int i = 0; i < modes.length(); i++) {
      char c = modes.charAt(i);
      if (c == '+' || c == '-') {
        sign = c;
        continue;
      }
      boolean takesParam = c == 'o' || c == 'v' || c == 'b' || c == 'k' || c == 'l' && sign == '+';
      String param = takesParam && withParam < MAX_PARAM_MODES ? line.param(next) : null;
      if (param != null) {
        next++;
        withParam++;
      } else if (takesParam && withParam >= MAX_PARAM_MODES) {
        break;
      }
      switch (c) {
        case 'i' -> flags.inviteOnly = sign == '+';
        case 'm' -> flags.moderated = sign == '+';
        case 's' -> flags.secret = sign == '+';
        case 't' -> flags.topicLocked = sign == '+';
        case 'n' -> { } // always set: only members speak in a netchat room; -n changes nothing
        case 'k' -> {
          if (sign == '-') {
            flags.key = "";
          } else if (param == null || param.isEmpty()) {
            missing(irc, channel, c, "key");
          } else {
            flags.key = param;
          }
        }
        case 'l' -> {
          if (sign == '-') {
            flags.limit = 0;
          } else if (param == null) {
            missing(irc, channel, c, "limit");
          } else {
            Integer limit = positive(param);
            if (limit == null) {
              irc.reply(IrcReplyNumeric.ERR_INVALIDMODEPARAM, channel, "l", param, "Invalid limit mode parameter");
            } else {
              flags.limit = limit;
            }
          }
        }
        case 'o', 'v' -> {
          if (param == null) {
            missing(irc, channel, c, "nick");
          } else {
            String role = sign == '+' ? c == 'o' ? "op" : "voice" : "member";
            send(irc, channel, "" + sign + c, param, id -> new ClientMessage.Role(id, room, param, role));
          }
        }
        case 'b' -> {
          if (param == null) {
            if (!listed) {
              listed = true;
              listBans(irc, channel, room);
            }
          } else {
            ban(irc, channel, room, sign, param);
          }
        }
        default -> irc.reply(IrcReplyNumeric.ERR_UNKNOWNMODE, String.valueOf(c), "is unknown mode char to me");
      }
    }
    if (flags.any()) {
      send(irc, channel, FLAGS, null, id -> new ClientMessage.Mode(id, room, flags.inviteOnly, flags.key,
          flags.moderated, flags.topicLocked, flags.secret, flags.limit));
    }
  }

  private static void ban(IrcConnection irc, String channel, String room, char sign, String mask) {
    String netchat = IrcBanMasks.toNetchat(mask);
    if (netchat == null) {
      irc.reply(IrcReplyNumeric.ERR_INVALIDMODEPARAM, channel, "b", mask,
          "Invalid ban mask: a nick mask (nick!*@*), *!*@IP[/BITS] or $a:account");
      return;
    }
    send(irc, channel, sign + "b", mask, sign == '+' ? id -> new ClientMessage.Ban(id, room, netchat, null, null)
        : id -> new ClientMessage.Unban(id, room, netchat));
  }

  private static void listBans(IrcConnection irc, String channel, String room) {
    new BanList(channel, room).start(irc);
  }

  /** Sends the netchat command of {@code mode} ({@code +o}, {@code -b}, … or {@link #FLAGS}), {@code param}. */
  private static void send(IrcConnection irc, String channel, String mode, String param,
      Function<String, ClientMessage> build) {
    irc.dispatch(new IrcConnection.Pending("MODE", channel, param, false, new ModeChange(channel, mode, param)),
        build);
  }

  private static void missing(IrcConnection irc, String channel, char letter, String what) {
    irc.reply(IrcReplyNumeric.ERR_INVALIDMODEPARAM, channel, String.valueOf(letter), "*",
        "You must specify a parameter for the " + letter + " mode. Syntax: <" + what + ">");
  }

  private static Integer positive(String text) {
    try {
      int value = Integer.parseInt(text);
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The flag modes of one MODE line, as the fields of one netchat {@code mode}. */
  private static final class Flags {
    Boolean inviteOnly;
    Boolean moderated;
    Boolean secret;
    Boolean topicLocked;
    String key;
    Integer limit;

    boolean any() {
      return inviteOnly != null || moderated != null || secret != null || topicLocked != null || key != null
          || limit != null;
    }
  }

  /** {@code MODE nick [+i|-i]}: the user's own modes. */
  private static void userMode(IrcConnection irc, IrcMessage line) {
    String nick = line.param(0);
    if (!nick.equalsIgnoreCase(irc.nick())) {
      irc.reply(IrcReplyNumeric.ERR_USERSDONTMATCH, line.param(1) == null ? "Can't view modes for other users"
          : "Can't change mode for other users");
      return;
    }
    String modes = line.param(1);
    if (modes == null) {
      irc.reply(IrcReplyNumeric.RPL_UMODEIS, irc.invisible() ? "+i" : "+");
      return;
    }
    char sign = '+';
    ModeLines.Changes changes = new ModeLines.Changes();
    boolean unknown = false;
    for (int i = 0; i < modes.length(); i++) {
      char c = modes.charAt(i);
      if (c == '+' || c == '-') {
        sign = c;
      } else if (c == 'i') {
        if (irc.invisible() != (sign == '+')) {
          irc.invisible(sign == '+');
          changes.add(sign, 'i', null);
        }
      } else {
        unknown = true;
      }
    }
    if (unknown) {
      irc.reply(IrcReplyNumeric.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
    }
    if (!changes.isEmpty()) {
      List<String> params = changes.params(irc.nick());
      irc.send(IrcMessage.of(IrcNames.mask(irc.nick()), "MODE", params.get(0), params.get(1)));
    }
  }

  /**
   * {@code MODE #c}: {@code 324} with the modes set (the key to members only; netchat keeps no
   * creation time, so no {@code 329}).
   */
  private record ModeRead(String channel) implements IrcReply {
    @Override
    public List<IrcMessage> answer(IrcConnection irc, ServerMessage answer) {
      if (!(answer instanceof ServerMessage.Mode mode)) {
        return null;
      }
      ModeLines.Changes changes = new ModeLines.Changes();
      ModeLines.modes(changes, mode, false);
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_CHANNELMODEIS,
          changes.params(channel).toArray(String[]::new)));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return ChannelRefusals.of(irc, error, channel);
    }
  }

  /**
   * One role, ban, unban or flag change ({@code mode}: {@code +o}, {@code -b}, …, {@link #FLAGS}):
   * its event is the answer; a refusal its numeric.
   */
  private record ModeChange(String channel, String mode, String param) implements IrcReply {
    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      ErrorCode code = error.errorCode();
      if (code == ErrorCode.NO_SUCH_USER) {
        return List.of(irc.numericLine(IrcNumeric.ERR_USERNOTINCHANNEL, param, channel,
            "They aren't on that channel"));
      }
      if (code == ErrorCode.LIMIT_REACHED && mode.equals("+b")) {
        return List.of(irc.numericLine(IrcReplyNumeric.ERR_BANLISTFULL, channel, param,
            "Channel ban list is full"));
      }
      if (code == ErrorCode.BAD_REQUEST || code == ErrorCode.INVALID_NAME) {
        if (mode.equals("-b")) {
          return List.of(); // -b of a mask not banned: nothing, as servers answer
        }
        return List.of(irc.numericLine(IrcReplyNumeric.ERR_INVALIDMODEPARAM, channel,
            mode.substring(mode.length() - 1), param == null ? "*" : param, error.message()));
      }
      return ChannelRefusals.of(irc, error, channel);
    }
  }

  /** {@code MODE #c +b}: {@code 367} per ban, page after page, then {@code 368}. */
  private static final class BanList extends PagedReply {
    private final String channel;
    private final String room;

    BanList(String channel, String room) {
      super("MODE", channel, MAX_BAN_PAGES);
      this.channel = channel;
      this.room = room;
    }

    @Override
    ClientMessage page(String id, String after) {
      return new ClientMessage.Bans(id, room, after, null);
    }

    @Override
    List<IrcMessage> rows(ServerMessage answer, String nick, String server) {
      if (!(answer instanceof ServerMessage.Bans bans)) {
        return null;
      }
      List<IrcMessage> lines = new ArrayList<>(bans.bans().size());
      for (ServerMessage.BanInfo ban : bans.bans()) {
        lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_BANLIST, nick, channel,
            IrcBanMasks.toIrc(ban.mask()), ban.by(), String.valueOf(ban.set().getEpochSecond())));
      }
      return lines;
    }

    @Override
    String cursor(ServerMessage answer) {
      return ((ServerMessage.Bans) answer).next();
    }

    @Override
    List<IrcMessage> end(IrcConnection irc) {
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_ENDOFBANLIST, channel, "End of channel ban list"));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return ChannelRefusals.of(irc, error, channel);
    }
  }
}
