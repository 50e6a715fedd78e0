package io.netchat.server.irc;

import io.netty.util.NetUtil;
import java.util.Locale;

/**
 * Ban masks between IRC and netchat (PROTOCOL §17.3). Every user shows on IRC as
 * {@code nick!~nick@netchat}, so an IRC mask bans by its nick part ({@code bob!*@*},
 * {@code spam*}), by an address when its host is an IP or a network ({@code *!*@203.0.113.7},
 * {@code *!*@2001:db8::/32}: netchat's {@code addr:}), or by account with the extban
 * {@code $a:NAME} (netchat's {@code account:NAME}); netchat's own spellings pass through. A ban
 * shows on IRC as {@code nick!*@*}, {@code *!*@IP} or {@code $a:NAME}.
 */
final class IrcBanMasks {
  private IrcBanMasks() {}

  /**
   * The netchat mask an IRC mask means (any spelling: netchat makes it canonical), or null when it
   * names a user or host netchat cannot ban by.
   */
  static String toNetchat(String irc) {
    String mask = irc.toLowerCase(Locale.ROOT);
    if (mask.startsWith("$a:")) {
      mask = "account:" + mask.substring(3);
    } else if (!mask.startsWith("account:") && !mask.startsWith("addr:")
        && (mask.indexOf('!') >= 0 || mask.indexOf('@') >= 0)) {
      mask = fromHostmask(mask);
    }
    return mask; // netchat checks the rest: a pattern it refuses is bad_request (696)
  }

  /** {@code nick!user@host}: by nick when the user and host say nothing more, by address when the host is one. */
  private static String fromHostmask(String mask) {
    int at = mask.lastIndexOf('@');
    String host = at < 0 ? "*" : mask.substring(at + 1);
    String left = at < 0 ? mask : mask.substring(0, at);
    int bang = left.indexOf('!');
    String nick = bang < 0 ? left : left.substring(0, bang);
    String user = bang < 0 ? "*" : left.substring(bang + 1);
    if (nick.isEmpty()) {
      nick = "*";
    }
    boolean anyUser = user.equals("*") || user.equals("~*") || user.equals("~" + nick);
    boolean anyHost = host.equals("*") || host.equals(IrcNames.HOST);
    if (anyHost && anyUser) {
      return nick;
    }
    if (anyHost && nick.equals("*")) {
      return user.startsWith("~") ? user.substring(1) : user; // *!~bob@*: the user part is the nick
    }
    if (nick.equals("*") && (user.equals("*") || user.equals("~*")) && isAddress(host)) {
      return "addr:" + host;
    }
    return null;
  }

  private static boolean isAddress(String host) {
    int slash = host.indexOf('/');
    return NetUtil.isValidIpV4Address(slash < 0 ? host : host.substring(0, slash))
        || NetUtil.isValidIpV6Address(slash < 0 ? host : host.substring(0, slash));
  }

  /** How the canonical netchat mask {@code mask} shows on IRC. */
  static String toIrc(String mask) {
    if (mask.startsWith("account:")) {
      return "$a:" + mask.substring("account:".length());
    }
    if (mask.startsWith("addr:")) {
      return "*!*@" + mask.substring("addr:".length());
    }
    return mask + "!*@*";
  }
}
