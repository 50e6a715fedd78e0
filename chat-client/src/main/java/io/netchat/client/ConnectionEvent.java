package io.netchat.client;

/**
 * A change of a {@link ChatClient}'s connection, reported to {@link ChatListener#onConnection}.
 *
 * @param kind what happened
 * @param detail a human-readable detail: the address, the reason, the next delay
 */
public record ConnectionEvent(Kind kind, String detail) {

  /** The kinds of connection change. */
  public enum Kind {
    /** Connected and logged in for the first time. */
    CONNECTED,
    /** The connection was lost; {@link #RECONNECTING} follows when the policy allows. */
    DISCONNECTED,
    /** A reconnect attempt is scheduled (detail: attempt number and delay). */
    RECONNECTING,
    /** Connected and logged in again, rooms re-joined with the messages missed in between. */
    RECONNECTED,
    /** The client is closed for good (user quit, close, or reconnect gave up). Always last. */
    CLOSED
  }
}
