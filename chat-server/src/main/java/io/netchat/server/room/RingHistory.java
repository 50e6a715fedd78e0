package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link HistoryStore}: the last {@code capacity} messages in a ring. The ring starts
 * small and doubles up to {@code capacity}, so the many quiet rooms of a big server do not each
 * hold a full-size array.
 */
public final class RingHistory implements HistoryStore {
  private static final int INITIAL_SLOTS = 8;
  private final int capacity;
  private ServerMessage.Message[] ring;
  private long lastSeq;

  public RingHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ServerMessage.Message[Math.min(capacity, INITIAL_SLOTS)];
  }

  @Override
  public void append(ServerMessage.Message message) {
    if (message.seq() != lastSeq + 1) {
      throw new IllegalArgumentException("expected seq " + (lastSeq + 1) + ", got " + message.seq());
    }
    if (lastSeq >= ring.length && ring.length < capacity) {
      grow();
    }
    lastSeq = message.seq();
    ring[(int) (lastSeq % ring.length)] = message;
  }

  /** Held messages move to a ring twice as large (at most {@code capacity}), each at seq mod size. */
  private void grow() {
    ServerMessage.Message[] larger = new ServerMessage.Message[Math.min(capacity, ring.length * 2)];
    for (long seq = firstSeq(); seq <= lastSeq; seq++) {
      larger[(int) (seq % larger.length)] = ring[(int) (seq % ring.length)];
    }
    ring = larger;
  }

  @Override
  public long firstSeq() {
    return Math.max(1, lastSeq - ring.length + 1);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public List<ServerMessage.Message> after(long since, int max) {
    long from = Math.max(since + 1, firstSeq());
    long to = Math.min(lastSeq, from + max - 1L);
    return range(from, to);
  }

  @Override
  public List<ServerMessage.Message> before(long before, int max) {
    long to = Math.min(before - 1, lastSeq);
    long from = Math.max(firstSeq(), to - max + 1L);
    return range(from, to);
  }

  private List<ServerMessage.Message> range(long from, long to) {
    if (to < from) {
      return List.of();
    }
    List<ServerMessage.Message> out = new ArrayList<>((int) (to - from + 1));
    for (long seq = from; seq <= to; seq++) {
      out.add(ring[(int) (seq % ring.length)]);
    }
    return out;
  }
}
