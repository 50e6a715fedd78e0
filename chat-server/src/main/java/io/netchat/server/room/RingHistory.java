package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * An in-memory {@link HistoryStore}: the last {@code capacity} messages in a ring, under the
 * server's global {@link HistoryBudget}, which may evict this room's oldest messages when other
 * rooms' newer ones need the bytes. The ring starts small and doubles up to {@code capacity}, so
 * the many quiet rooms of a big server do not each hold a full-size array. Used on its room's
 * loop only; the budget hands evictions to that loop.
 */
public final class RingHistory implements HistoryStore {
  private static final int INITIAL_SLOTS = 8;
  private final int capacity;
  private final EventExecutor loop;
  private final HistoryBudget budget;
  private HeldMessage[] ring;
  private long lastSeq;
  /** Every seq up to this one has been evicted by the budget (or the room was cleared). */
  private long evictedThrough;

  /** A ring with no budget but its own {@code capacity}, used on one thread. */
  public RingHistory(int capacity) {
    this(capacity, ImmediateEventExecutor.INSTANCE, HistoryBudget.unlimited());
  }

  /**
   * @param capacity the room's {@code history_size}
   * @param loop the room's loop, where every call and every eviction runs
   * @param budget the server's history budget
   */
  public RingHistory(int capacity, EventExecutor loop, HistoryBudget budget) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.loop = loop;
    this.budget = budget;
    this.ring = new HeldMessage[Math.min(capacity, INITIAL_SLOTS)];
  }

  @Override
  public void append(ServerMessage.Message message) {
    hold(message.seq(), message);
  }

  @Override
  public void appendEvent(ServerMessage event) {
    Long seq = event instanceof ServerMessage.Topic topic ? topic.seq()
        : event instanceof ServerMessage.RoomEvent roomEvent ? roomEvent.seq() : null;
    if (seq == null) {
      throw new IllegalArgumentException("not a room event with a seq: " + event);
    }
    hold(seq, event);
  }

  private void hold(long seq, ServerMessage event) {
    if (seq != lastSeq + 1) {
      throw new IllegalArgumentException("expected seq " + (lastSeq + 1) + ", got " + seq);
    }
    if (lastSeq >= ring.length && ring.length < capacity) {
      grow();
    }
    lastSeq = seq;
    int slot = (int) (lastSeq % ring.length);
    if (ring[slot] != null) {
      budget.dropped(ring[slot]); // the oldest of this room: history_size
    }
    HeldMessage held = new HeldMessage(this, seq, event);
    ring[slot] = held;
    budget.add(held);
    budget.enforce();
  }

  /** Held messages move to a ring twice as large (at most {@code capacity}), each at seq mod size. */
  private void grow() {
    HeldMessage[] larger = new HeldMessage[Math.min(capacity, ring.length * 2)];
    for (long seq = firstSeq(); seq <= lastSeq; seq++) {
      larger[(int) (seq % larger.length)] = ring[(int) (seq % ring.length)];
    }
    ring = larger;
  }

  /** The budget evicts every message up to {@code seq} (any thread: runs on the room's loop). */
  void evict(long seq) {
    if (loop.inEventLoop()) {
      evictThrough(seq);
      return;
    }
    try {
      loop.execute(() -> evictThrough(seq));
    } catch (RejectedExecutionException shutDown) {
      // the server is stopping with this loop; the history goes with it
    }
  }

  private void evictThrough(long seq) {
    for (long s = firstSeq(); s <= Math.min(seq, lastSeq); s++) {
      int slot = (int) (s % ring.length);
      HeldMessage held = ring[slot];
      if (held != null && held.seq == s) {
        held.message = null;
        ring[slot] = null;
      }
    }
    evictedThrough = Math.max(evictedThrough, Math.min(seq, lastSeq));
  }

  @Override
  public void clear() {
    for (int slot = 0; slot < ring.length; slot++) {
      if (ring[slot] != null) {
        budget.dropped(ring[slot]);
      }
    }
    ring = new HeldMessage[Math.min(capacity, INITIAL_SLOTS)];
    evictedThrough = lastSeq;
  }

  @Override
  public void skipTo(long seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
    clear();
    lastSeq = seq;
    evictedThrough = seq;
  }

  @Override
  public long firstSeq() {
    return Math.max(Math.max(1, lastSeq - ring.length + 1), evictedThrough + 1);
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public List<ServerMessage.Message> after(long since, int max) {
    List<ServerMessage.Message> out = new ArrayList<>(Math.min(max, 64));
    for (long seq = Math.max(since + 1, firstSeq()); seq <= lastSeq && out.size() < max; seq++) {
      if (at(seq) instanceof ServerMessage.Message message) {
        out.add(message);
      }
    }
    return out;
  }

  @Override
  public List<ServerMessage.Message> before(long before, int max) {
    List<ServerMessage.Message> out = new ArrayList<>(Math.min(max, 64));
    for (long seq = Math.min(before - 1, lastSeq); seq >= firstSeq() && out.size() < max; seq--) {
      if (at(seq) instanceof ServerMessage.Message message) {
        out.add(message);
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public List<ServerMessage> eventsAfter(long since, int max) {
    long from = Math.max(since + 1, firstSeq());
    long to = Math.min(lastSeq, from + max - 1L);
    List<ServerMessage> out = new ArrayList<>((int) Math.max(0, Math.min(to - from + 1, 64)));
    for (long seq = from; seq <= to; seq++) {
      out.add(at(seq));
    }
    return out;
  }

  /** The event held at {@code seq}, which must be between {@link #firstSeq()} and {@link #lastSeq}. */
  private ServerMessage at(long seq) {
    return ring[(int) (seq % ring.length)].message;
  }
}
