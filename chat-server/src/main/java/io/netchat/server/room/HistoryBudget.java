package io.netchat.server.room;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The global budget for room history ({@code memory.history_bytes}): one counter of the heap that
 * held messages cost ({@link MessageSize}) over all rooms, and one queue of every held message in
 * append order. When an append passes the budget, the oldest messages of the whole server go
 * first, whichever rooms hold them; each eviction runs on the loop of the room that holds the
 * message. Lock-free and O(1) amortised per message: a message is queued once and polled once.
 *
 * <p>A message its room dropped by itself (its {@code history_size}, or the room went away) stays in
 * the queue until it reaches the head; until then it costs, and is counted as,
 * {@link MessageSize#ENTRY} bytes. So the queue is bounded by the budget too.
 *
 * <p>Slack: the counter is exact at all times; the rings may hold, for a moment, the messages
 * whose eviction was handed to a busy room loop and has not run yet. Their bytes are already off
 * the counter, so they do not cause further evictions; they are freed when that loop runs the task.
 */
public final class HistoryBudget {
  private final long limit;
  private final AtomicLong held = new AtomicLong();
  private final ConcurrentLinkedQueue<HeldMessage> oldestFirst = new ConcurrentLinkedQueue<>();
  private final LongAdder evicted = new LongAdder();

  /** @param limit bytes of history all rooms together may hold */
  public HistoryBudget(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** A budget that never evicts (tests of a single room's ring). */
  public static HistoryBudget unlimited() {
    return new HistoryBudget(Long.MAX_VALUE);
  }

  public long limit() {
    return limit;
  }

  /** Bytes of history held now, over all rooms. */
  public long held() {
    return held.get();
  }

  /** Messages evicted so far to keep within the budget (not those a room's own size limit dropped). */
  public long evicted() {
    return evicted.sum();
  }

  /** Counts and queues a message just stored by its ring (on the ring's loop). */
  void add(HeldMessage message) {
    held.addAndGet(message.bytes + (long) MessageSize.ENTRY);
    oldestFirst.add(message);
  }

  /** The ring dropped {@code message} by itself (on its loop): its bytes come off, its entry's when polled. */
  void dropped(HeldMessage message) {
    message.message = null;
    if (message.claim()) {
      held.addAndGet(-message.bytes);
    }
  }

  /** While over the budget, evicts the oldest messages of all rooms. Any thread; never blocks. */
  void enforce() {
    while (held.get() > limit) {
      HeldMessage oldest = oldestFirst.poll();
      if (oldest == null) {
        return;
      }
      long freed = MessageSize.ENTRY;
      if (oldest.claim()) {
        freed += oldest.bytes;
        evicted.increment();
        oldest.ring.evict(oldest.seq);
      }
      held.addAndGet(-freed);
    }
  }
}
