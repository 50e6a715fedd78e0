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
  /** The connection sends faster than its allowance; temporary, with {@code retry_after_ms}. */
  RATE_LIMITED(true),
  /** A configured limit (rooms, members, connections) is reached. */
  LIMIT_REACHED,
  /** The server is shutting down and takes no new work; temporary (another server, or this one restarted). */
  SHUTTING_DOWN(true),
  /**
   * Contract 1.1: a {@code history} named an {@code epoch} the room no longer has (it was
   * recreated): its seqs mean other messages now. Re-join without {@code since} and read again.
   */
  EPOCH_CHANGED,
  /**
   * The server cannot take this command now (its store's queue is full or its disk fails); the
   * connection stays usable and the same command may succeed when retried later: temporary.
   */
  UNAVAILABLE(true),
  /**
   * Contract 1.1 (§15): the nick belongs to an account; a guest may not take it. Log in with
   * {@code hello{nick, password}} (or a token naming it, §16) or choose another nick.
   */
  NICK_RESERVED,
  /**
   * Contract 1.1: the credentials of a login were refused. A password (§15) or its account: the
   * connection stays open for another try, and failed tries are throttled ({@code rate_limited}); a
   * guest hello on a server that takes no guests is refused the same way. A token (§16) forged,
   * expired, signed with a key or an algorithm the server does not accept, or naming another user
   * than the session's: the server closes the connection ({@code bye{code: "bad_credentials"}}).
   */
  BAD_CREDENTIALS,
  /**
   * Contract 1.1: the server's policy refuses this command to this session — registration is closed
   * (§15), a token's {@code rooms} claim does not name the room (§16), or the session's role in the
   * room or its standing on the server does not allow it (§17: a plain member kicking, a non-admin
   * sending an admin command).
   */
  FORBIDDEN,
  /** Contract 1.1, moderation: a ban of the room (or of the server) matches the session. */
  BANNED,
  /** Contract 1.1, moderation: the room is invite-only and the session was not invited. */
  INVITE_ONLY,
  /** Contract 1.1, moderation: the room has a key and the join did not give it, or gave another. */
  BAD_KEY,
  /** Contract 1.1, moderation: the room holds as many members as its {@code limit} mode allows; temporary. */
  ROOM_FULL(true);

  private final String wireName = name().toLowerCase(Locale.ROOT);
  private final boolean temporary;

  ErrorCode() {
    this(false);
  }

  ErrorCode(boolean temporary) {
    this.temporary = temporary;
  }

  /**
   * Whether an error with this code is always temporary (retrying the same command later can
   * succeed). {@code limit_reached} is temporary for some limits only: the server says so per error.
   */
  public boolean temporary() {
    return temporary;
  }

  /** The code as it appears on the wire, e.g. {@code "bad_json"}. */
  public String wireName() {
    return wireName;
  }

  /** Looks a code up by its wire name; {@code null} when unknown (a newer server's code). */
  public static ErrorCode fromWire(String wireName) {
    return WireNames.find(values(), ErrorCode::wireName, wireName);
  }
}
