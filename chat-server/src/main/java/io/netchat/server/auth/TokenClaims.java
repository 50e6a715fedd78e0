package io.netchat.server.auth;

import io.netchat.server.room.Names;
import java.time.Instant;
import java.util.Set;

/**
 * What a verified token says about its holder.
 *
 * @param nick the {@code sub}: the session's nick, as the application wrote it
 * @param validUntil the token's {@code exp} plus the configured clock skew: when the session ends
 *     unless it was refreshed
 * @param roomKeys the rooms the token allows (their case-folded keys), or {@code null} for any room
 */
public record TokenClaims(String nick, Instant validUntil, Set<String> roomKeys) {

  public TokenClaims {
    roomKeys = roomKeys == null ? null : Set.copyOf(roomKeys);
  }

  /** The account the token logs into: the {@code sub}, case-folded as nicks are compared. */
  public String account() {
    return Names.key(nick);
  }

  /** Whether the token lets its holder join the room with key {@code roomKey}. */
  public boolean allowsRoom(String roomKey) {
    return roomKeys == null || roomKeys.contains(roomKey);
  }
}
