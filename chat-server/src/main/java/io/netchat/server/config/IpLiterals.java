package io.netchat.server.config;

import io.netty.util.NetUtil;
import java.util.Optional;

/**
 * Listener hosts are IP literals only ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1},
 * {@code ::1}, ...): binding never waits for DNS and a typo cannot resolve to somewhere else.
 */
public final class IpLiterals {
  /** How a configuration error describes the accepted form. */
  public static final String FORM = "an IPv4 or IPv6 address literal such as 0.0.0.0, 127.0.0.1, :: or ::1 (host names are not resolved)";

  private IpLiterals() {}

  /** {@code host} without IPv6 brackets when it is an IP literal, otherwise empty. */
  public static Optional<String> normalize(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare) ? Optional.of(bare) : Optional.empty();
  }

  /** The address bytes of a literal accepted by {@link #normalize}, to compare spellings of one address. */
  static byte[] bytes(String literal) {
    return NetUtil.createByteArrayFromIpAddressString(literal);
  }
}
