package io.netchat.server.irc;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The IRC lines of the answers and messages netchat sends one session: {@code joined} as JOIN,
 * {@code 332} and the names, {@code members} as names, {@code dm} as PRIVMSG, {@code error}s as
 * the numerics of the IRC command they answer, {@code bye} as {@code ERROR}. What IRC has no
 * line for ({@code ok}, a join backlog, {@code gap}) renders as nothing. Stateless: what it needs
 * of the connection (the nick, the command answered) is handed in.
 */
final class IrcAnswers {
  private IrcAnswers() {}

  /** Renders an answer framed ahead of time (a room's {@code joined}, a {@code members} page); any thread. */
  static List<IrcMessage> framed(ServerMessage message, String nick, String server) {
    if (message instanceof ServerMessage.Joined joined) {
      List<IrcMessage> lines = new ArrayList<>();
      String channel = IrcNames.channel(joined.room());
      lines.add(IrcMessage.of(IrcNames.mask(nick), "JOIN", channel));
      if (joined.topic() != null && !joined.topic().isEmpty()) {
        lines.add(numeric(server, IrcNumeric.RPL_TOPIC, nick, channel, joined.topic()));
      }
      names(lines, server, nick, channel, joined.members(), moreAfter(joined) == null);
      return lines;
    }
    if (message instanceof ServerMessage.Members members) {
      List<IrcMessage> lines = new ArrayList<>();
      names(lines, server, nick, IrcNames.channel(members.room()), members.nicks(), members.next() == null);
      return lines;
    }
    return List.of(); // history pages, room lists, ban lists: not shown on IRC by this version
  }

  /**
   * The member after which the names of {@code message} go on in a next page ({@code 366} waits for
   * it), or null when they are complete: a {@code joined} lists the first page of a larger room, a
   * {@code members} page names its {@code next}.
   */
  static String moreAfter(ServerMessage message) {
    if (message instanceof ServerMessage.Joined joined) {
      List<String> members = joined.members();
      return members.isEmpty() || members.size() >= joined.memberCount() ? null : members.get(members.size() - 1);
    }
    return message instanceof ServerMessage.Members members ? members.next() : null;
  }

  /** {@code 353} lines of at most 512 bytes, then {@code 366} when {@code end}. */
  static void names(List<IrcMessage> lines, String server, String nick, String channel, List<String> nicks,
      boolean end) {
    int room = IrcMessage.MAX_LINE - 2 - (1 + server.length() + 5 + nick.length() + 3 + channel.length() + 2);
    StringBuilder chunk = new StringBuilder();
    for (String each : nicks) {
      if (!chunk.isEmpty() && chunk.length() + 1 + each.length() > room) {
        lines.add(numeric(server, IrcNumeric.RPL_NAMREPLY, nick, "=", channel, chunk.toString()));
        chunk.setLength(0);
      }
      if (!chunk.isEmpty()) {
        chunk.append(' ');
      }
      chunk.append(each);
    }
    if (!chunk.isEmpty()) {
      lines.add(numeric(server, IrcNumeric.RPL_NAMREPLY, nick, "=", channel, chunk.toString()));
    }
    if (end) {
      lines.add(numeric(server, IrcNumeric.RPL_ENDOFNAMES, nick, channel, "End of /NAMES list."));
    }
  }

  static IrcMessage numeric(String server, String numeric, String... params) {
    return IrcMessage.of(server, numeric, params);
  }

  /**
   * The numerics of an {@code error} answering the IRC command {@code why} (null when unknown):
   * RFC 1459/2812 numerics where one says it, else a server NOTICE with netchat's message.
   */
  static List<IrcMessage> error(ServerMessage.Error error, IrcConnection.Pending why, String nick, String server) {
    if (why != null && why.silent()) {
      return List.of();
    }
    String code = error.code();
    String verb = why == null ? null : why.verb();
    String target = why == null ? "*" : why.target();
    String numeric = null;
    String text = null;
    String[] extra = null;
    if (code.equals(ErrorCode.TOO_LARGE.wireName()) && error.command() == null) {
      numeric = IrcNumeric.ERR_INPUTTOOLONG;
      text = "Input line was too long";
    } else if (verb != null) {
      switch (verb) {
        case "PRIVMSG" -> {
          if (code.equals(ErrorCode.NO_SUCH_USER.wireName())) {
            numeric = IrcNumeric.ERR_NOSUCHNICK;
            text = "No such nick/channel";
          } else if (code.equals(ErrorCode.NO_SUCH_ROOM.wireName())) {
            numeric = IrcNumeric.ERR_NOSUCHCHANNEL;
            text = "No such channel";
          } else if (code.equals(ErrorCode.NOT_JOINED.wireName()) || code.equals(ErrorCode.FORBIDDEN.wireName())
              || code.equals(ErrorCode.BANNED.wireName())) {
            numeric = IrcNumeric.ERR_CANNOTSENDTOCHAN;
            text = "Cannot send to channel";
          }
        }
        case "JOIN" -> {
          String[] join = joinRefusal(code, error.limit());
          if (join != null) {
            numeric = join[0];
            text = join[1];
          }
        }
        case "PART", "TOPIC", "KICK", "NAMES" -> {
          if (code.equals(ErrorCode.NOT_JOINED.wireName())) {
            numeric = IrcNumeric.ERR_NOTONCHANNEL;
            text = "You're not on that channel";
          } else if (code.equals(ErrorCode.NO_SUCH_ROOM.wireName())) {
            numeric = IrcNumeric.ERR_NOSUCHCHANNEL;
            text = "No such channel";
          } else if (code.equals(ErrorCode.FORBIDDEN.wireName())) {
            numeric = IrcNumeric.ERR_CHANOPRIVSNEEDED;
            text = "You're not channel operator";
          } else if (code.equals(ErrorCode.NO_SUCH_USER.wireName()) && verb.equals("KICK")) {
            numeric = IrcNumeric.ERR_USERNOTINCHANNEL;
            extra = new String[] {why.text(), target, "They aren't on that channel"};
          }
          if ("NAMES".equals(verb) && numeric != null) {
            return List.of(numeric(server, IrcNumeric.RPL_ENDOFNAMES, nick, target, "End of /NAMES list."));
          }
        }
        case "NICK" -> {
          if (code.equals(ErrorCode.NICK_TAKEN.wireName())) {
            numeric = IrcNumeric.ERR_NICKNAMEINUSE;
            text = "Nickname is already in use";
          } else if (code.equals(ErrorCode.NICK_RESERVED.wireName())) {
            numeric = IrcNumeric.ERR_NICKNAMEINUSE;
            text = "Nickname is reserved by a different account";
          } else if (code.equals(ErrorCode.INVALID_NAME.wireName())) {
            numeric = IrcNumeric.ERR_ERRONEUSNICKNAME;
            text = "Erroneous nickname";
          } else if (code.equals(ErrorCode.BAD_CREDENTIALS.wireName())) {
            numeric = IrcNumeric.ERR_PASSWDMISMATCH;
            extra = new String[] {"Password incorrect"};
          } else if (code.equals(ErrorCode.BANNED.wireName())) {
            numeric = IrcNumeric.ERR_YOUREBANNEDCREEP;
            extra = new String[] {"You are banned from this server"};
          }
        }
        case "AUTHENTICATE" -> {
          numeric = IrcNumeric.ERR_SASLFAIL;
          extra = new String[] {"SASL authentication failed"};
        }
        default -> { }
      }
    }
    if (numeric == null) {
      return List.of(IrcMessage.of(server, "NOTICE", nick, "*** " + (verb == null ? "" : verb + ": ")
          + error.message() + " (" + code + ")"));
    }
    List<String> params = new ArrayList<>();
    params.add(nick);
    if (extra != null) {
      params.addAll(List.of(extra));
    } else if (numeric.equals(IrcNumeric.ERR_INPUTTOOLONG)) {
      params.add(text);
    } else {
      params.add(target);
      params.add(text);
    }
    return List.of(new IrcMessage(java.util.Map.of(), server, numeric, params));
  }

  /** The numeric and text of a refused join, by netchat's code; null for a code without one. */
  private static String[] joinRefusal(String code, String limit) {
    if (code.equals(ErrorCode.BANNED.wireName())) {
      return new String[] {IrcNumeric.ERR_BANNEDFROMCHAN, "Cannot join channel (+b)"};
    } else if (code.equals(ErrorCode.INVITE_ONLY.wireName())) {
      return new String[] {IrcNumeric.ERR_INVITEONLYCHAN, "Cannot join channel (+i)"};
    } else if (code.equals(ErrorCode.BAD_KEY.wireName())) {
      return new String[] {IrcNumeric.ERR_BADCHANNELKEY, "Cannot join channel (+k)"};
    } else if (code.equals(ErrorCode.ROOM_FULL.wireName())) {
      return new String[] {IrcNumeric.ERR_CHANNELISFULL, "Cannot join channel (+l)"};
    } else if (code.equals(ErrorCode.LIMIT_REACHED.wireName()) && "max_rooms_per_session".equals(limit)) {
      return new String[] {IrcNumeric.ERR_TOOMANYCHANNELS, "You have joined too many channels"};
    } else if (code.equals(ErrorCode.LIMIT_REACHED.wireName()) && "max_members_per_room".equals(limit)) {
      return new String[] {IrcNumeric.ERR_CHANNELISFULL, "Cannot join channel (+l)"};
    } else if (code.equals(ErrorCode.INVALID_NAME.wireName()) || code.equals(ErrorCode.NO_SUCH_ROOM.wireName())) {
      return new String[] {IrcNumeric.ERR_NOSUCHCHANNEL, "No such channel"};
    }
    return null;
  }
}
