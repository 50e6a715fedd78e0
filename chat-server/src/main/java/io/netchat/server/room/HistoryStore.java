package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * A room's stored messages and other events, bounded. Since contract 1.1 a room's {@code seq}
 * numbers all its events: a message or a topic change each take the next one, so the messages
 * alone may skip seqs; {@link #after} and {@link #before} return messages only, {@link #eventsAfter}
 * everything. One store per room, used only from the room's event loop,
 * so implementations need no locking. The embedded default is {@link RingHistory}; a store
 * shared between nodes (e.g. Redis streams) would implement this too.
 */
public interface HistoryStore {

  /** Makes the store of a room that lives on {@code loop}, holding at most {@code capacity} messages. */
  @FunctionalInterface
  interface Factory {
    HistoryStore create(int capacity, EventLoop loop);
  }

  /** Appends a message whose seq is one more than the last event appended. */
  void append(ServerMessage.Message message);

  /**
   * Appends a room event that is not a message — a topic change or a moderation event (§17) —
   * whose {@code seq} is one more than the last event appended.
   */
  void appendEvent(ServerMessage event);

  /** The oldest seq still held, or {@code lastSeq() + 1} when none is held. */
  long firstSeq();

  /** The newest seq ever appended (message or event), 0 when none. */
  long lastSeq();

  /** Held messages with seq greater than {@code since}, oldest first, at most {@code max}. */
  List<ServerMessage.Message> after(long since, int max);

  /** Held messages with seq less than {@code before}, the newest {@code max} of them, oldest first. */
  List<ServerMessage.Message> before(long before, int max);

  /** Held events, messages included, with seq greater than {@code since}, oldest first, at most {@code max}. */
  List<ServerMessage> eventsAfter(long since, int max);

  /** Drops every held message: the room is gone. {@link #lastSeq()} stays. */
  void clear();

  /**
   * Drops every held message and continues numbering after {@code lastSeq}: a room loaded from
   * the store, whose older messages are read from there.
   */
  void skipTo(long lastSeq);
}
