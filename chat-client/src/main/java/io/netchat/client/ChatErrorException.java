package io.netchat.client;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;

/** The server answered a command with {@code error}: the cause of a failed command future. */
public final class ChatErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ServerMessage.Error error;

  public ChatErrorException(ServerMessage.Error error) {
    super(error.code() + ": " + error.message());
    this.error = error;
  }

  /** The typed code, or {@code null} when a newer server sent a code this client does not know. */
  public ErrorCode code() {
    return error.errorCode();
  }

  /** The code as sent on the wire. */
  public String wireCode() {
    return error.code();
  }

  /** The error event itself. */
  public ServerMessage.Error error() {
    return error;
  }
}
