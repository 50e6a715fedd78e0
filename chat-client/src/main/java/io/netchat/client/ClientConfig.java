package io.netchat.client;

import io.netchat.codec.Framing;
import io.netchat.codec.JsonCodec;
import io.netchat.codec.Validation;
import java.time.Duration;

/**
 * Everything a {@link ChatClient} needs to reach a server. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with…} methods.
 *
 * @param host host name, IPv4 or IPv6 address (without brackets)
 * @param port TCP port, 1–65535
 * @param nick the nick to log in with
 * @param framing framing name: {@code length} or {@code line}
 * @param codec codec name, e.g. {@code json} or {@code cbor}
 * @param maxFrameLength longest frame payload accepted and sent, in bytes
 * @param connectTimeout how long one TCP connect may take
 * @param requestTimeout how long a command may wait for its {@code ok}/{@code error}
 * @param idleTimeout silence after which the client pings the server; twice that without any
 *     byte from the server closes the connection (and reconnects, if enabled)
 * @param maxPendingRequests commands awaiting an answer at once; more fail immediately
 * @param reconnect when to reconnect after losing the connection
 * @param tls TLS settings, or {@code null} for a plaintext connection
 * @param token where the token to log in with comes from (§16), or {@code null} to log in as
 *     {@code nick} without one; with a token the nick is the token's {@code sub}
 */
public record ClientConfig(
    String host,
    int port,
    String nick,
    String framing,
    String codec,
    int maxFrameLength,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration idleTimeout,
    int maxPendingRequests,
    ReconnectPolicy reconnect,
    ClientTls tls,
    TokenSource token) {

  /** Default server host. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default server port. */
  public static final int DEFAULT_PORT = 7777;
  /** Default nick. */
  public static final String DEFAULT_NICK = "guest";
  /** Default TCP connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default wait for a command's answer. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Default silence before the client pings. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** Default bound on commands awaiting an answer. */
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;

  public ClientConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535: " + port);
    }
    Validation.requireNick("nick", nick);
    Framing.byName(framing);
    if (codec == null || codec.isBlank()) {
      throw new IllegalArgumentException("codec must not be empty");
    }
    if (maxFrameLength < 1) {
      throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("idleTimeout", idleTimeout);
    if (maxPendingRequests < 1) {
      throw new IllegalArgumentException("maxPendingRequests must be positive: " + maxPendingRequests);
    }
    if (reconnect == null) {
      throw new IllegalArgumentException("reconnect must not be null");
    }
  }

  /** 127.0.0.1:7777 as {@code guest}, length framing, JSON, no reconnect. */
  public static ClientConfig defaults() {
    return new ClientConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_NICK, Framing.LENGTH.wireName(),
        JsonCodec.NAME, Framing.DEFAULT_MAX_FRAME_LENGTH, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_PENDING_REQUESTS,
        ReconnectPolicy.DISABLED, null, null);
  }

  public ClientConfig withAddress(String host, int port) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, token);
  }

  public ClientConfig withNick(String nick) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, token);
  }

  public ClientConfig withWireFormat(String framing, String codec) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, token);
  }

  public ClientConfig withTimeouts(Duration connectTimeout, Duration requestTimeout, Duration idleTimeout) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, token);
  }

  public ClientConfig withReconnect(ReconnectPolicy reconnect) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, token);
  }

  /** Over TLS with {@code newTls}, or plaintext with {@code null}. */
  public ClientConfig withTls(ClientTls newTls) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, newTls, token);
  }

  /** Logs in with tokens from {@code source} (§16), or as {@code nick} without one when {@code null}. */
  public ClientConfig withToken(TokenSource source) {
    return new ClientConfig(host, port, nick, framing, codec, maxFrameLength, connectTimeout,
        requestTimeout, idleTimeout, maxPendingRequests, reconnect, tls, source);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
