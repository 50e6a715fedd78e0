package io.netchat.server.room;

import io.netty.util.NetUtil;
import java.util.regex.Pattern;

/**
 * Who a ban keeps out (§17.3). Three forms, compared case-insensitively:
 * <ul>
 *   <li>a nick pattern, e.g. {@code bob} or {@code spam*}: {@code *} any run of characters,
 *       {@code ?} one (also written {@code nick:PATTERN});
 *   <li>{@code account:NAME}, a registered account, {@code *} and {@code ?} allowed the same way;
 *   <li>{@code addr:IP} or {@code addr:IP/BITS}, an IPv4 or IPv6 address or network (CIDR).
 * </ul>
 * A mask is kept in its canonical text ({@link #text()}): lower case, {@code nick:} dropped, an
 * address network with its host bits cleared; {@code unban} names a ban by that text or any
 * spelling of it. Parsing never looks a name up (no DNS).
 */
public record BanMask(Kind kind, String pattern, byte[] network, int bits) {
  /** The three forms of a mask. */
  public enum Kind {
    NICK,
    ACCOUNT,
    ADDRESS
  }

  private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9_\\-\\[\\]\\\\^{}|*?]{1,32}");

  /** Parses {@code mask}; {@link IllegalArgumentException} saying what is wrong. */
  public static BanMask parse(String mask) {
    String text = Names.key(mask);
    if (text.startsWith("account:")) {
      return new BanMask(Kind.ACCOUNT, name(text.substring(8), mask), null, 0);
    }
    if (text.startsWith("addr:")) {
      return address(text.substring(5), mask);
    }
    return new BanMask(Kind.NICK, name(text.startsWith("nick:") ? text.substring(5) : text, mask), null, 0);
  }

  private static String name(String pattern, String mask) {
    if (!NAME_PATTERN.matcher(pattern).matches()) {
      throw new IllegalArgumentException("bad mask '" + mask + "': a nick pattern, account:NAME or addr:IP[/BITS]"
          + " (nick and account patterns: up to 32 nick characters, * and ?)");
    }
    return pattern;
  }

  private static BanMask address(String spec, String mask) {
    int slash = spec.indexOf('/');
    byte[] ip = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? spec : spec.substring(0, slash));
    if (ip == null) {
      throw new IllegalArgumentException("bad mask '" + mask + "': addr: takes an IPv4 or IPv6 address, e.g."
          + " addr:203.0.113.7 or addr:2001:db8::/32");
    }
    int bits = ip.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(spec.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > ip.length * 8) {
        throw new IllegalArgumentException("bad mask '" + mask + "': the prefix length must be 0 to " + ip.length * 8);
      }
    }
    for (int i = 0; i < ip.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      ip[i] &= (byte) (0xff00 >> keep);
    }
    return new BanMask(Kind.ADDRESS, NetUtil.bytesToIpAddress(ip) + (bits == ip.length * 8 ? "" : "/" + bits), ip,
        bits);
  }

  /** The canonical text: what the ban list shows and {@code unban} matches. */
  public String text() {
    return switch (kind) {
      case NICK -> pattern;
      case ACCOUNT -> "account:" + pattern;
      case ADDRESS -> "addr:" + pattern;
    };
  }

  /**
   * Whether this mask matches a user with {@code nick}, {@code account} (null: a guest) connecting
   * from {@code address} (an IP literal, or anything else for a connection without one).
   */
  public boolean matches(String nick, String account, String address) {
    return switch (kind) {
      case NICK -> nick != null && glob(pattern, Names.key(nick));
      case ACCOUNT -> account != null && glob(pattern, Names.key(account));
      case ADDRESS -> inNetwork(address);
    };
  }

  private boolean inNetwork(String address) {
    byte[] ip = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
    if (ip == null || ip.length != network.length) {
      return false;
    }
    for (int i = 0; i < ip.length && i * 8 < bits; i++) {
      int keep = Math.min(8, bits - i * 8);
      int mask = 0xff00 >> keep;
      if ((ip[i] & mask) != (network[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** {@code *} matches any run, {@code ?} one character; linear with backtracking to the last star. */
  static boolean glob(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BanMask mask && mask.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
