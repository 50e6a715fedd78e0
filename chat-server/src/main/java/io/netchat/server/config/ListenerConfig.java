package io.netchat.server.config;

import io.netchat.codec.Framing;
import java.util.Arrays;

/**
 * One listening socket: where it binds and what it speaks. Whether {@code codec} is registered,
 * and suits {@code framing}, depends on the codecs at hand: {@code ConfigLoader} checks that.
 *
 * @param host address to bind: an IPv4 or IPv6 literal ({@code 0.0.0.0}, {@code ::} for all),
 *     kept without IPv6 brackets
 * @param port TCP port, 0 for an ephemeral one
 * @param framing {@code length} or {@code line}
 * @param codec a registered codec name, e.g. {@code json}
 * @param tls the listener's certificate and key, or {@code null} for plaintext
 */
public record ListenerConfig(String host, int port, String framing, String codec, TlsConfig tls) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7777;
  public static final String DEFAULT_FRAMING = "length";
  public static final String DEFAULT_CODEC = "json";
  /** The highest TCP port. */
  public static final int MAX_PORT = 65_535;

  /** Checks the host is an IP literal, the port a port and the framing known. */
  public ListenerConfig {
    host = Check.ipLiteral("host", host);
    Check.port("port", port);
    Check.oneOf("framing", framing, Arrays.stream(Framing.values()).map(Framing::wireName).toList());
    Check.nonBlank("codec", codec);
    if (tls != null) {
      try {
        tls.requireFiles();
      } catch (ConfigException e) {
        throw e.under("tls");
      }
    }
  }

  /** A plaintext listener. */
  public ListenerConfig(String host, int port, String framing, String codec) {
    this(host, port, framing, codec, null);
  }

  /** The embedded default listener: 127.0.0.1:7777, length framing, json codec. */
  public static ListenerConfig defaults() {
    return new ListenerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_FRAMING, DEFAULT_CODEC);
  }

  public ListenerConfig withHost(String newHost) {
    return new ListenerConfig(newHost, port, framing, codec, tls);
  }

  public ListenerConfig withPort(int newPort) {
    return new ListenerConfig(host, newPort, framing, codec, tls);
  }

  public ListenerConfig withTls(TlsConfig newTls) {
    return new ListenerConfig(host, port, framing, codec, newTls);
  }
}
