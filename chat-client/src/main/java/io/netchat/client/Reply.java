package io.netchat.client;

import io.netchat.codec.ServerMessage;

/**
 * The successful outcome of one command.
 *
 * @param answer the answer event that came before the {@code ok} ({@code welcome},
 *     {@code joined}, {@code members}, …; {@code pong} for a ping), or {@code null} for commands
 *     that have none ({@code say}, {@code dm}, {@code quit})
 * @param ok the {@code ok} itself, or {@code null} for {@code ping}, {@code quit} and commands
 *     sent without an id
 */
public record Reply(ServerMessage answer, ServerMessage.Ok ok) {

  /** The answer as {@code type}; fails when it is absent or of another type. */
  public <T extends ServerMessage> T answer(Class<T> type) {
    if (!type.isInstance(answer)) {
      throw new IllegalStateException("expected " + type.getSimpleName() + " but the answer was " + answer);
    }
    return type.cast(answer);
  }
}
