package io.netchat.bench.load.irc;

/** The lines the generator sends, without CR LF ({@link IrcLineEncoder} adds it). */
public final class IrcCommands {
  /**
   * The longest text the bench sends in one {@code PRIVMSG}: what is left of a 512-byte line once
   * the server has put its source (up to 64 bytes here), the command and a channel of up to 32
   * before it.
   */
  public static final int MAX_TEXT = 400;
  /** The capability asked for when the server offers it, as a real client would. */
  public static final String SERVER_TIME = "server-time";

  private IrcCommands() {}

  /** The IRC channel of netchat room {@code room}: {@code #room}. */
  public static String channel(String room) {
    return "#" + room;
  }

  /** {@code PRIVMSG #room :text}. */
  public static String privmsg(String room, String text) {
    return "PRIVMSG #" + room + " :" + text;
  }

  /** {@code NICK}, then {@code USER} with the nick as user name. */
  static String[] register(String nick) {
    return new String[] {"NICK " + nick, "USER " + nick + " 0 * :netchat-bench"};
  }

  /** The answer to a {@code PING} whose last parameter is {@code token}. */
  static String pong(String token) {
    return "PONG :" + token;
  }
}
