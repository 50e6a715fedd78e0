package io.netchat.client;

/**
 * A command could not be completed because the client is not connected, could not connect, or
 * lost its connection before the answer came.
 */
public final class ChatConnectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChatConnectionException(String message) {
    super(message);
  }

  public ChatConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
