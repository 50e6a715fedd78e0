package io.netchat.client;

import io.netchat.codec.ServerMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rooms this client is in and the last {@code seq} it delivered for each: the {@code since}
 * of a re-join after reconnecting, and the filter that drops a message delivered before.
 * Confined to the client's event loop; not thread-safe.
 */
final class RoomLedger {
  private final Map<String, RoomState> rooms = new LinkedHashMap<>();

  private static final class RoomState {
    final String name;
    long lastSeq;
    boolean resyncing;

    RoomState(String name) {
      this.name = name;
    }
  }

  /**
   * The server answered a join made with {@code since} (null for a first join). Returns true
   * when the room's sequence is now below {@code since}: the room was recreated (the server
   * restarted without its history) and numbering started over. The caller must then join again
   * with {@code since = 0}; until that join's {@code joined} arrives, messages of the room are
   * dropped here, because that join replays them all, in order.
   */
  boolean onJoined(ServerMessage.Joined joined, Long since) {
    RoomState state = rooms.computeIfAbsent(key(joined.room()), k -> new RoomState(joined.room()));
    if (since != null && joined.seq() < since) {
      state.lastSeq = 0;
      state.resyncing = true;
      return true;
    }
    state.resyncing = false;
    return false;
  }

  /**
   * A join finished (its {@code ok} came after the backlog): later messages start after
   * {@code joined.seq}, even when the backlog did not reach that far.
   */
  void onJoinCompleted(ServerMessage.Joined joined) {
    RoomState state = rooms.get(key(joined.room()));
    if (state != null && !state.resyncing) {
      state.lastSeq = Math.max(state.lastSeq, joined.seq());
    }
  }

  /** Whether {@code message} is new (and then records its seq); false for a duplicate. */
  boolean accept(ServerMessage.Message message) {
    RoomState state = rooms.get(key(message.room()));
    if (state == null) {
      return true;
    }
    if (state.resyncing || message.seq() <= state.lastSeq) {
      return false;
    }
    state.lastSeq = message.seq();
    return true;
  }

  void onLeft(String room) {
    rooms.remove(key(room));
  }

  /** Each joined room with the last seq delivered, in join order. */
  Map<String, Long> lastSeqs() {
    Map<String, Long> snapshot = new LinkedHashMap<>();
    rooms.values().forEach(state -> snapshot.put(state.name, state.lastSeq));
    return snapshot;
  }

  private static String key(String room) {
    return room.toLowerCase(Locale.ROOT);
  }
}
