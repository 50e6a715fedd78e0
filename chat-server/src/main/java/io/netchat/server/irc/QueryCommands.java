package io.netchat.server.irc;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.IrcMessage;
import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Questions about users and channels, each one or more netchat reads: {@code WHOIS} and
 * {@code WHO nick} a {@code whois} (§14.3), {@code WHO #c} the pages of {@code who}, {@code ISON}
 * and {@code USERHOST} a {@code whois} per nick, {@code LIST} the pages of {@code rooms} (a secret
 * room is never listed, §17.5). Every user shows as {@code nick!~nick@netchat} (no real user name or
 * address), with its nick as real name.
 */
final class QueryCommands implements IrcCommands.Group {
  /** Member pages read for one {@code WHO #c}. */
  static final int MAX_WHO_PAGES = 10;
  /** Room pages read for one {@code LIST} (at the default {@code max_list_page} of 100: 1000 rooms). */
  static final int MAX_LIST_PAGES = 10;
  /** Nicks one {@code ISON} asks about; more are left out. */
  static final int MAX_ISON = 32;
  /** Nicks one {@code USERHOST} asks about (RFC 2812). */
  static final int MAX_USERHOST = 5;

  @Override
  public void addTo(IrcCommands table) {
    table.add("WHOIS", 1, QueryCommands::whois)
        .add("WHO", 0, QueryCommands::who)
        .add("ISON", 1, (irc, line) -> presence(irc, line, MAX_ISON, true))
        .add("USERHOST", 1, (irc, line) -> presence(irc, line, MAX_USERHOST, false))
        .add("LIST", 0, QueryCommands::list);
  }

  private static void whois(IrcConnection irc, IrcMessage line) {
    String nick = (line.param(1) != null ? line.param(1) : line.param(0)).split(",")[0]; // WHOIS [server] nick
    if (nick.isEmpty()) {
      irc.reply(IrcNumeric.ERR_NONICKNAMEGIVEN, "No nickname given");
      return;
    }
    irc.dispatch(new IrcConnection.Pending("WHOIS", nick, null, false, new Whois(nick)),
        id -> new ClientMessage.Whois(id, nick, null, null));
  }

  private static void who(IrcConnection irc, IrcMessage line) {
    String mask = line.param(0) == null || line.param(0).isEmpty() ? "*" : line.param(0);
    String room = IrcNames.room(mask);
    if (room != null) {
      new WhoChannel(mask, room).start(irc);
    } else if (mask.startsWith("#") || mask.indexOf('*') >= 0 || mask.indexOf('?') >= 0 || mask.equals("0")) {
      irc.reply(IrcReplyNumeric.RPL_ENDOFWHO, mask, "End of WHO list."); // no server-wide listing
    } else {
      irc.dispatch(new IrcConnection.Pending("WHO", mask, null, false, new WhoNick(mask)),
          id -> new ClientMessage.Whois(id, mask, null, 1));
    }
  }

  /** ISON ({@code ison}) or USERHOST: one whois per nick, one answer once every one is in. */
  private static void presence(IrcConnection irc, IrcMessage line, int max, boolean ison) {
    Set<String> nicks = new LinkedHashSet<>();
    for (String param : line.params()) {
      for (String nick : param.split(" ")) {
        if (!nick.isEmpty() && nicks.size() < max) {
          nicks.add(nick);
        }
      }
    }
    if (nicks.isEmpty()) {
      irc.reply(IrcNumeric.ERR_NEEDMOREPARAMS, line.command(), "Not enough parameters");
      return;
    }
    Presence collected = new Presence(ison, nicks.size());
    for (String nick : nicks) {
      irc.dispatch(new IrcConnection.Pending(line.command(), nick, null, false, collected),
          id -> new ClientMessage.Whois(id, nick, null, 1));
    }
  }

  private static void list(IrcConnection irc, IrcMessage line) {
    Set<String> only = new LinkedHashSet<>();
    if (line.param(0) != null) {
      for (String channel : line.param(0).split(",")) {
        if (IrcNames.room(channel) != null) {
          only.add(channel.toLowerCase(Locale.ROOT));
        }
      }
    }
    irc.reply(IrcReplyNumeric.RPL_LISTSTART, "Channel", "Users  Name");
    new ChannelList(Set.copyOf(only)).start(irc);
  }

  /** {@code 352}: {@code channel user host server nick flags :hopcount realname}. */
  private static IrcMessage whoReply(String server, String to, String channel, String nick, boolean away,
      String prefix) {
    return IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOREPLY, to, channel, "~" + nick, IrcNames.HOST, server,
        nick, (away ? "G" : "H") + prefix, "0 " + nick);
  }

  /** WHOIS: 311, 319, 312, 301, 330, 317 from the whois; 318 on its ok; 401 and 318 for nobody. */
  private record Whois(String asked) implements IrcReply {
    @Override
    public List<IrcMessage> framed(ServerMessage answer, String to, String server) {
      if (!(answer instanceof ServerMessage.Whois whois)) {
        return null;
      }
      String nick = whois.nick();
      List<IrcMessage> lines = new ArrayList<>();
      lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISUSER, to, nick, "~" + nick, IrcNames.HOST, "*",
          nick));
      if (!whois.rooms().isEmpty()) {
        StringBuilder channels = new StringBuilder();
        for (String room : whois.rooms()) {
          if (channels.length() + room.length() > 400) {
            lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISCHANNELS, to, nick, channels.toString()));
            channels.setLength(0);
          }
          channels.append(channels.isEmpty() ? "" : " ").append(IrcNames.channel(room));
        }
        lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISCHANNELS, to, nick, channels.toString()));
      }
      lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISSERVER, to, nick, server, "netchat"));
      if (whois.away() != null) {
        lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_AWAY, to, nick, whois.away()));
      }
      if (whois.account() != null) {
        lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISACCOUNT, to, nick, whois.account(),
            "is logged in as"));
      }
      lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_WHOISIDLE, to, nick, "0",
          String.valueOf(whois.since().getEpochSecond()), "seconds idle, signon time"));
      return lines;
    }

    @Override
    public List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      return List.of(end(irc));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return List.of(irc.numericLine(IrcNumeric.ERR_NOSUCHNICK, asked, "No such nick/channel"), end(irc));
    }

    private IrcMessage end(IrcConnection irc) {
      return irc.numericLine(IrcReplyNumeric.RPL_ENDOFWHOIS, asked, "End of /WHOIS list.");
    }
  }

  /**
   * WHO of a nick: one 352 with no channel ({@code *}: a whois knows no role to prefix), then 315;
   * 315 alone for nobody.
   */
  private record WhoNick(String mask) implements IrcReply {
    @Override
    public List<IrcMessage> framed(ServerMessage answer, String to, String server) {
      if (!(answer instanceof ServerMessage.Whois whois)) {
        return null;
      }
      return List.of(whoReply(server, to, "*", whois.nick(), whois.away() != null, ""));
    }

    @Override
    public List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_ENDOFWHO, mask, "End of WHO list."));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return ok(irc, null);
    }
  }

  /**
   * WHO of a channel: a 352 per member with its prefix, page after page, then 315; 315 alone for a
   * channel the user may not look into. netchat's member list says nothing of away: every member
   * shows {@code H} (away-notify and WHOIS say who is away).
   */
  private static final class WhoChannel extends PagedReply {
    private final String channel;
    private final String room;

    WhoChannel(String channel, String room) {
      super("WHO", channel, MAX_WHO_PAGES);
      this.channel = channel;
      this.room = room;
    }

    @Override
    ClientMessage page(String id, String after) {
      return new ClientMessage.Who(id, room, after, null);
    }

    @Override
    List<IrcMessage> rows(ServerMessage answer, String nick, String server) {
      if (!(answer instanceof ServerMessage.Members members)) {
        return null;
      }
      List<IrcMessage> lines = new ArrayList<>(members.nicks().size());
      for (String member : members.nicks()) {
        lines.add(whoReply(server, nick, channel, member, false,
            IrcPrefixes.of(members.roles() == null ? null : members.roles().get(member))));
      }
      return lines;
    }

    @Override
    String cursor(ServerMessage answer) {
      return ((ServerMessage.Members) answer).next();
    }

    @Override
    List<IrcMessage> end(IrcConnection irc) {
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_ENDOFWHO, channel, "End of WHO list."));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return end(irc);
    }
  }

  /** LIST: a 322 per room (only those named, when some are), page after page, then 323. */
  private static final class ChannelList extends PagedReply {
    private final Set<String> only;

    ChannelList(Set<String> only) {
      super("LIST", "*", MAX_LIST_PAGES);
      this.only = only;
    }

    @Override
    ClientMessage page(String id, String after) {
      return new ClientMessage.Rooms(id, after, null);
    }

    @Override
    List<IrcMessage> rows(ServerMessage answer, String nick, String server) {
      if (!(answer instanceof ServerMessage.Rooms rooms)) {
        return null;
      }
      List<IrcMessage> lines = new ArrayList<>(rooms.rooms().size());
      for (ServerMessage.RoomInfo room : rooms.rooms()) {
        String channel = IrcNames.channel(room.name());
        if (only.isEmpty() || only.contains(channel.toLowerCase(Locale.ROOT))) {
          lines.add(IrcAnswers.numeric(server, IrcReplyNumeric.RPL_LIST, nick, channel,
              String.valueOf(room.members()), room.topic() == null ? "" : room.topic()));
        }
      }
      return lines;
    }

    @Override
    String cursor(ServerMessage answer) {
      return ((ServerMessage.Rooms) answer).next();
    }

    @Override
    List<IrcMessage> end(IrcConnection irc) {
      return List.of(irc.numericLine(IrcReplyNumeric.RPL_LISTEND, "End of /LIST"));
    }
  }

  /**
   * The whois answers of one ISON or USERHOST, collected until each nick has its ok or error:
   * then {@code 303} (the nicks online) or {@code 302} ({@code nick=+~nick@netchat}, {@code -}
   * when away). Framed whois answers may come on another loop: synchronized.
   */
  private static final class Presence implements IrcReply {
    private final boolean ison;
    private final List<String> found = new ArrayList<>();
    private int waiting;

    Presence(boolean ison, int waiting) {
      this.ison = ison;
      this.waiting = waiting;
    }

    @Override
    public synchronized List<IrcMessage> framed(ServerMessage answer, String nick, String server) {
      if (!(answer instanceof ServerMessage.Whois whois)) {
        return null;
      }
      found.add(ison ? whois.nick()
          : whois.nick() + "=" + (whois.away() == null ? "+" : "-") + "~" + whois.nick() + "@" + IrcNames.HOST);
      return List.of();
    }

    @Override
    public synchronized List<IrcMessage> ok(IrcConnection irc, ServerMessage.Ok ok) {
      if (--waiting > 0) {
        return List.of();
      }
      return List.of(irc.numericLine(ison ? IrcReplyNumeric.RPL_ISON : IrcReplyNumeric.RPL_USERHOST,
          String.join(" ", found)));
    }

    @Override
    public List<IrcMessage> error(IrcConnection irc, ServerMessage.Error error) {
      return ok(irc, null);
    }
  }
}
