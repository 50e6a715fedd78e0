package io.netchat.server.irc;

/**
 * How netchat names look on IRC. A room {@code lobby} is the channel {@code #lobby}; every user,
 * whichever listener it came from, is {@code nick!~nick@netchat}: no real user name or address is
 * ever shown.
 */
public final class IrcNames {
  /** The host part of every user's mask. */
  public static final String HOST = "netchat";

  private IrcNames() {}

  /** The mask of {@code nick}: {@code nick!~nick@netchat}. */
  public static String mask(String nick) {
    return nick + "!~" + nick + "@" + HOST;
  }

  /** The channel of room {@code room}. */
  public static String channel(String room) {
    return "#" + room;
  }

  /** The room a channel names (without its {@code #}), or null when it is not a {@code #} channel. */
  public static String room(String channel) {
    return channel.length() > 1 && channel.charAt(0) == '#' ? channel.substring(1) : null;
  }
}
