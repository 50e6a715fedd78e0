package io.netchat.client;

import io.netchat.codec.ServerMessage;

/**
 * Receives what a {@link ChatClient} hears.
 *
 * <p>Thread model: all calls come from one thread per client (the client's delivery thread,
 * never a Netty event loop), one at a time, in the order the server sent them. A slow listener
 * delays later events and, past a bound, stops the client reading from the socket until it
 * catches up; it never blocks I/O. Do not block on a {@link ChatClient} future from inside a
 * listener: those futures complete on this same thread (chain with {@code thenAccept} instead).
 */
public interface ChatListener {

  /**
   * Every message the server sent, in order — room messages (duplicates after a reconnect
   * dropped), direct messages, presence, answers, {@code ok}/{@code error}, {@code ping},
   * {@code gap}, {@code bye}.
   */
  void onEvent(ServerMessage event);

  /** A connection change: connected, disconnected, reconnecting, reconnected, closed. */
  default void onConnection(ConnectionEvent event) {}
}
