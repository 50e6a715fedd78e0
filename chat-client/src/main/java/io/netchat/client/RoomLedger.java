package io.netchat.client;

import io.netchat.codec.ServerMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rooms this client is in, with the last {@code seq} it delivered and the room's
 * {@code epoch} (contract 1.1) for each: the {@code since} and {@code epoch} of a re-join after
 * reconnecting, and the filter that drops a message delivered before. Confined to the client's
 * event loop; not thread-safe.
 */
final class RoomLedger {
  private final Map<String, RoomState> rooms = new LinkedHashMap<>();

  private static final class RoomState {
    final String name;
    long lastSeq;
    String epoch;
    /** This client's own role in the room (contract 1.1, §17.1), or null from a server that does not say. */
    String role;
    boolean resyncing;

    RoomState(String name) {
      this.name = name;
    }
  }

  /**
   * Where a re-join starts: after {@code since} in the room's {@code epoch} (null from a v1 server);
   * and this client's {@code role} there (null when the server did not say).
   */
  record Position(long since, String epoch, String role) {}

  /**
   * The server answered a join made with {@code since} (null for a first join).
   *
   * <p>From a server with epochs (contract 1.1): a {@code joined} whose epoch is not the one the
   * client had is a new numbering; the last seq delivered is forgotten, so the backlog that
   * follows (the new room's latest page) is delivered rather than dropped. Returns false.
   *
   * <p>From a v1 server: returns true when the room's sequence is now below {@code since}: the
   * room was recreated and numbering started over. The caller must then join again with
   * {@code since = 0}; until that join's {@code joined} arrives, messages of the room are dropped
   * here, because that join replays them all, in order.
   */
  boolean onJoined(ServerMessage.Joined joined, Long since) {
    RoomState state = rooms.computeIfAbsent(key(joined.room()), k -> new RoomState(joined.room()));
    state.role = joined.role();
    if (joined.epoch() != null) {
      if (!joined.epoch().equals(state.epoch)) {
        state.lastSeq = 0;
        state.epoch = joined.epoch();
      }
      state.resyncing = false;
      return false;
    }
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
    return accept(message.room(), message.seq());
  }

  /**
   * Whether the event numbered {@code seq} in {@code room} — a message or (contract 1.1) a room
   * event — is new (and then records its seq); false for a duplicate.
   */
  boolean accept(String room, long seq) {
    RoomState state = rooms.get(key(room));
    if (state == null) {
      return true;
    }
    if (state.resyncing || seq <= state.lastSeq) {
      return false;
    }
    state.lastSeq = seq;
    return true;
  }

  /** This client was given {@code role} in {@code room} (a {@code role} event naming it). */
  void onRole(String room, String role) {
    RoomState state = rooms.get(key(room));
    if (state != null) {
      state.role = role;
    }
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

  /** Each joined room with where its re-join starts, in join order. */
  Map<String, Position> positions() {
    Map<String, Position> snapshot = new LinkedHashMap<>();
    rooms.values().forEach(state -> snapshot.put(state.name, new Position(state.lastSeq, state.epoch, state.role)));
    return snapshot;
  }

  private static String key(String room) {
    return room.toLowerCase(Locale.ROOT);
  }
}
