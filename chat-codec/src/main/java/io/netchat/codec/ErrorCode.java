package io.netchat.codec;

import java.util.Locale;

/** The stable error codes of the wire contract, sent as {@code error{code}}. */
public enum ErrorCode {
  /** The framing was violated (for example a length prefix that cannot be honoured). */
  BAD_FRAME,
  /** The payload is not well-formed for the codec (malformed JSON, invalid UTF-8, not an object). */
  BAD_JSON,
  /** The {@code type} names no known command. */
  UNKNOWN_TYPE,
  /** A field is missing, of the wrong type or out of range. */
  BAD_REQUEST,
  /** A frame or a text is longer than the limit. */
  TOO_LARGE,
  /** A command other than {@code hello} came before {@code hello}. */
  NOT_LOGGED_IN,
  /** A second {@code hello} on one connection. */
  ALREADY_LOGGED_IN,
  /** A nick or room name breaks the naming rules. */
  INVALID_NAME,
  /** The nick is in use (case-insensitively). */
  NICK_TAKEN,
  /** The command needs membership of a room the session has not joined. */
  NOT_JOINED,
  /** The room does not exist. */
  NO_SUCH_ROOM,
  /** No user with that nick is connected. */
  NO_SUCH_USER,
  /** The connection sends faster than its allowance. */
  RATE_LIMITED,
  /** A configured limit (rooms, members, connections) is reached. */
  LIMIT_REACHED,
  /** The server is shutting down and takes no new work. */
  SHUTTING_DOWN,
  /**
   * The server cannot take this command now (its store's queue is full or its disk fails); the
   * connection stays usable and the same command may succeed when retried later.
   */
  UNAVAILABLE;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The code as it appears on the wire, e.g. {@code "bad_json"}. */
  public String wireName() {
    return wireName;
  }

  /** Looks a code up by its wire name; {@code null} when unknown (a newer server's code). */
  public static ErrorCode fromWire(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(wireName)) {
        return code;
      }
    }
    return null;
  }
}
