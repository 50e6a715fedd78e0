package io.netchat.server.irc;

import io.netchat.codec.IrcMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The lines that end registration: {@code 001}–{@code 005}, LUSERS ({@code 251}–{@code 255}) and the MOTD or {@code 422}. */
final class IrcWelcome {
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  /** ISUPPORT tokens per {@code 005} line, as servers send them (at most 13 in RFC 2812's 15 parameters). */
  private static final int TOKENS_PER_LINE = 12;

  private IrcWelcome() {}

  static List<IrcMessage> burst(IrcConnection irc) {
    IrcServerInfo info = irc.info();
    String nick = irc.nick();
    List<IrcMessage> lines = new ArrayList<>();
    lines.add(irc.numericLine(IrcNumeric.RPL_WELCOME, "Welcome to the " + info.network() + " IRC network, "
        + IrcNames.mask(nick)));
    lines.add(irc.numericLine(IrcNumeric.RPL_YOURHOST, "Your host is " + info.server() + ", running version "
        + info.version()));
    lines.add(irc.numericLine(IrcNumeric.RPL_CREATED, "This server was created " + CREATED.format(info.created())));
    lines.add(irc.numericLine(IrcNumeric.RPL_MYINFO, info.server(), info.version(), "i", "biklmostv", "bklov"));
    List<String> tokens = info.isupport();
    for (int i = 0; i < tokens.size(); i += TOKENS_PER_LINE) {
      List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + TOKENS_PER_LINE)));
      params.add("are supported by this server");
      lines.add(irc.numericLine(IrcNumeric.RPL_ISUPPORT, params.toArray(String[]::new)));
    }
    lines.addAll(lusers(irc));
    lines.addAll(motd(irc));
    return lines;
  }

  /** The message of the day: {@code 375}, {@code 372}s, {@code 376}; or {@code 422} when there is none. */
  static List<IrcMessage> motd(IrcConnection irc) {
    IrcServerInfo info = irc.info();
    if (info.motd().isEmpty()) {
      return List.of(irc.numericLine(IrcNumeric.ERR_NOMOTD, "MOTD File is missing"));
    }
    List<IrcMessage> lines = new ArrayList<>();
    lines.add(irc.numericLine(IrcNumeric.RPL_MOTDSTART, "- " + info.server() + " Message of the day - "));
    for (String line : info.motd()) {
      lines.add(irc.numericLine(IrcNumeric.RPL_MOTD, "- " + line));
    }
    lines.add(irc.numericLine(IrcNumeric.RPL_ENDOFMOTD, "End of /MOTD command."));
    return lines;
  }

  /** {@code 251}–{@code 255} with the counts of now: one server, no operators, no unknown connections shown. */
  static List<IrcMessage> lusers(IrcConnection irc) {
    IrcServerInfo info = irc.info();
    int users = info.users().getAsInt();
    int channels = info.channels().getAsInt();
    return List.of(
        irc.numericLine(IrcNumeric.RPL_LUSERCLIENT, "There are " + users + " users and 0 invisible on 1 servers"),
        irc.numericLine(IrcNumeric.RPL_LUSEROP, "0", "operator(s) online"),
        irc.numericLine(IrcNumeric.RPL_LUSERUNKNOWN, "0", "unknown connection(s)"),
        irc.numericLine(IrcNumeric.RPL_LUSERCHANNELS, String.valueOf(channels), "channels formed"),
        irc.numericLine(IrcNumeric.RPL_LUSERME, "I have " + users + " clients and 0 servers"));
  }
}
