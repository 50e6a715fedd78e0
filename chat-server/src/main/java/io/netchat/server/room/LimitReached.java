package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;

/**
 * A command refused by a configured limit. It names the limit by its configuration key, which a
 * 1.1 session is told as {@code error{limit}}; the refusal is temporary (rooms, members and rates
 * change).
 */
public final class LimitReached extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String limit;

  /**
   * @param limit the configuration key, e.g. {@code max_rooms_per_session}
   * @param message the refusal for people
   */
  public LimitReached(String limit, String message) {
    super(message, null, false, false);
    this.limit = limit;
  }

  /** The answer to the {@code command} with id {@code id} (either may be null). */
  public ServerMessage.Error error(String id, String command) {
    return new ServerMessage.Error(id, ErrorCode.LIMIT_REACHED, getMessage()).forCommand(command).limited(limit, null);
  }
}
