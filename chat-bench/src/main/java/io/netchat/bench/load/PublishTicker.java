package io.netchat.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every millisecond on one event loop and sends the due messages of the {@link PublishPlan}
 * whose publisher lives on that loop, stamped with their intended time, then flushes each
 * publisher it wrote to once. A message whose publisher cannot take it (closed, or outbound
 * buffer above its high-water mark) is counted as offered but unsent, never queued without bound.
 */
final class PublishTicker implements Runnable {
  /** Most messages one tick sends, so that a lagging generator keeps reading between ticks. */
  static final int MAX_PER_TICK = 20_000;

  private final PublishPlan plan;
  private final Publisher[] publishers;
  private final Protocol protocol;
  private final EventLoop loop;
  private final DeliveryStats stats;
  private final BenchClock clock;
  private final int textChars;
  private final List<Publisher> written = new ArrayList<>();
  private long next;

  PublishTicker(PublishPlan plan, Publisher[] publishers, Protocol protocol, EventLoop loop, DeliveryStats stats,
      BenchClock clock, int textChars) {
    this.plan = plan;
    this.publishers = publishers;
    this.protocol = protocol;
    this.loop = loop;
    this.stats = stats;
    this.clock = clock;
    this.textChars = textChars;
  }

  @Override
  public void run() {
    long due = Math.min(plan.dueBy(clock.now()), next + MAX_PER_TICK);
    for (long k = next; k < due; k++) {
      Publisher publisher = publishers[plan.publisherOf(k)];
      Channel channel = publisher.channel();
      if (channel.eventLoop() != loop) {
        continue;
      }
      long intended = plan.intendedTime(k);
      boolean sendable = channel.isActive() && channel.isWritable();
      stats.offered(intended, publisher.recipients(), sendable);
      if (sendable) {
        channel.write(protocol.say(publisher.room(), SendStamp.text(intended, textChars)), channel.voidPromise());
        if (!publisher.dirty) {
          publisher.dirty = true;
          written.add(publisher);
        }
      }
    }
    next = due;
    for (Publisher publisher : written) {
      publisher.dirty = false;
      publisher.channel().flush();
    }
    written.clear();
  }

  /** Whether every message of the plan has been handled. */
  boolean finished() {
    return next >= plan.total();
  }
}
