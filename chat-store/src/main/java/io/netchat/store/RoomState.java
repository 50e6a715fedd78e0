package io.netchat.store;

import java.util.Objects;

/**
 * What a room needs from the store when it is first used: its metadata and the last seq issued.
 *
 * @param meta the room's metadata, epoch included
 * @param lastSeq the newest seq the store holds for the room, 0 when none
 */
public record RoomState(RoomMeta meta, long lastSeq) {

  public RoomState {
    Objects.requireNonNull(meta, "meta");
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be >= 0, got " + lastSeq);
    }
  }
}
