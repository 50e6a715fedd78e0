package io.netchat.codec;

import java.util.Locale;

/**
 * Why the server ends a connection: the stable {@code bye{code}} of contract 1.1 (docs/PROTOCOL.md
 * §12), with whether a client should reconnect. {@code bye{reason}} stays the v1 text for people
 * and logs; programs read the code.
 */
public enum ByeCode {
  /** The client sent {@code quit}. */
  QUIT(false),
  /** The server shuts down; comes with a jittered {@code retry_after_ms}. */
  SHUTTING_DOWN(true),
  /** The connection did not read what it was sent while the server's memory for it was full. */
  SLOW_CONSUMER(true),
  /** Too many commands were refused as {@code rate_limited} in a row. */
  FLOODING(true),
  /** No {@code hello} within {@code timeouts.hello}. */
  HELLO_TIMEOUT(true),
  /** No answer to the server's {@code ping} within {@code timeouts.pong}. */
  PING_TIMEOUT(true),
  /** A frame was not complete within {@code memory.frame_timeout} of its first byte. */
  FRAME_TIMEOUT(true),
  /** A frame longer than {@code max_frame_length}: resending it would fail again. */
  TOO_LARGE(false),
  /** The framing was violated. */
  BAD_FRAME(false),
  /** A connection limit or a memory budget; temporary. */
  LIMIT_REACHED(true),
  /** A new connection resumed this session ({@code hello{resume}}): the old one must not come back. */
  REPLACED(false),
  /** The login's credentials were refused: a bad token (§16) in {@code hello} or {@code refresh}. */
  BAD_CREDENTIALS(false),
  /** The session's token reached its {@code exp} without a {@code refresh} (§16); reconnect only with a new one. */
  TOKEN_EXPIRED(false),
  /** Moderation (§17.6): a server-wide ban matches the user or its address. */
  BANNED(false),
  /** Moderation (§17.6): a server administrator closed the session; {@code reason} says why. */
  CLOSED_BY_ADMIN(false),
  /** A bug in the server closed the connection. */
  INTERNAL_ERROR(true);

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final boolean reconnect;

  ByeCode(boolean reconnect) {
    this.reconnect = reconnect;
  }

  /** The code on the wire, e.g. {@code "slow_consumer"}. */
  public String wireName() {
    return wireName;
  }

  /** Whether a client should reconnect after this {@code bye} (the {@code bye{reconnect}} sent). */
  public boolean reconnect() {
    return reconnect;
  }

  /** The code named {@code wireName}, or {@code null} for a code this version does not know. */
  public static ByeCode fromWire(String wireName) {
    return WireNames.find(values(), ByeCode::wireName, wireName);
  }
}
