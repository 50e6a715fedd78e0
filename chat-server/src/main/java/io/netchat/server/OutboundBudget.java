package io.netchat.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The global budget for queued outbound bytes ({@code memory.outbound_bytes}), checked every
 * {@link #PERIOD_MILLIS} ms off the delivery path: the hot path adds nothing, the check reads the
 * byte counts Netty already keeps per connection.
 *
 * <p>What it counts: the sum of every connection's pending bytes (Netty's count, which includes its
 * per-entry overhead) is an upper bound of what the queues hold, but overcounts a broadcast frame
 * queued for many members, which is one buffer shared by all (encode once). The allocator's used
 * memory is the other upper bound: every queued frame lives in it, shared or not (with reads,
 * incomplete frames and its own chunk rounding). The budget is over when the smaller of the two is
 * over it, so a room of many slow-but-reading members sharing frames is not cut for bytes that
 * exist once.
 *
 * <p>What it cuts: only connections that are not keeping up — unwritable, i.e. above
 * {@code outbound_high_water_mark} — largest queue first, until the pending bytes they hold
 * cover the excess. A connection that reads what it is sent is never cut.
 */
final class OutboundBudget implements Runnable {
  /**
   * How often the budget is checked. Between checks the total may pass the budget by what is queued
   * in one period. A check reads the allocator's memory and, only when that is over the budget, one
   * counter per connection (about 10 µs per 1,000 connections).
   */
  static final long PERIOD_MILLIS = 50;

  private record Holder(Session session, long queued) {}

  private final long limit;
  private final Collection<Session> sessions;
  private final LongSupplier allocated;
  private volatile long queued;
  private volatile long held;

  /**
   * @param limit bytes all connections' queues may hold together
   * @param sessions the open connections
   * @param allocated the memory the allocator of outbound frames holds now
   */
  OutboundBudget(long limit, Collection<Session> sessions, LongSupplier allocated) {
    this.limit = limit;
    this.sessions = sessions;
    this.allocated = allocated;
  }

  /** What {@code allocator} holds now, direct and heap; without metrics, no bound (the pending sum decides). */
  static LongSupplier usedMemory(ByteBufAllocator allocator) {
    if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
      ByteBufAllocatorMetric metric = provider.metric();
      return () -> metric.usedDirectMemory() + metric.usedHeapMemory();
    }
    return () -> Long.MAX_VALUE;
  }

  /** The budget: bytes all connections' queues may hold together ({@code memory.outbound_bytes}). */
  long limit() {
    return limit;
  }

  /** Pending outbound bytes of all connections at the last check that read them (the allocator over the budget). */
  long queued() {
    return queued;
  }

  /**
   * What the last check counted against the budget: the allocator's memory when that is within it,
   * else the smaller of {@link #queued()} and the allocator's memory.
   */
  long held() {
    return held;
  }

  @Override
  public void run() {
    long inAllocator = allocated.getAsLong();
    if (inAllocator <= limit) {
      // The smaller of the two bounds is at most this: under the budget without reading any
      // connection, which is what an idle server with many connections checks every period.
      held = inAllocator;
      return;
    }
    long total = 0;
    for (Session session : sessions) {
      total += session.queuedBytes();
    }
    queued = total;
    long counted = Math.min(total, inAllocator);
    held = counted;
    if (counted > limit) {
      cutLargest(counted - limit, total);
    }
  }

  private void cutLargest(long excess, long total) {
    List<Holder> behind = new ArrayList<>();
    for (Session session : sessions) {
      if (!session.isClosing() && !session.channel().isWritable()) {
        behind.add(new Holder(session, session.queuedBytes()));
      }
    }
    behind.sort(Comparator.comparingLong(Holder::queued).reversed());
    long left = excess;
    for (int i = 0; i < behind.size() && left > 0; i++) {
      Holder holder = behind.get(i);
      holder.session().cutAsSlowConsumer(holder.queued(), total, limit);
      left -= holder.queued();
    }
  }
}
