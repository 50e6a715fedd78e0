package io.netchat.store;

import java.util.Objects;

/**
 * What a room needs from the store when it is first used: its metadata, the last seq issued and,
 * for a room owned by an account, its moderation rules.
 *
 * @param meta the room's metadata, epoch included
 * @param lastSeq the newest seq the store holds for the room, 0 when none
 * @param rules the room's stored rules, or null when none are stored (no account owns it)
 */
public record RoomState(RoomMeta meta, long lastSeq, StoredRules rules) {

  /** A room without stored rules. */
  public RoomState(RoomMeta meta, long lastSeq) {
    this(meta, lastSeq, null);
  }

  public RoomState {
    Objects.requireNonNull(meta, "meta");
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be >= 0, got " + lastSeq);
    }
  }
}
