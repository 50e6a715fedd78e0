package io.netchat.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;

/**
 * What Netty already measures, read at scrape time: the allocator's used heap and direct memory
 * and each event loop's pending tasks (its backlog; {@code loop} is the loop's index in the group,
 * as in the thread name {@code netchat-io-N}). The same figures as Micrometer's netty4
 * binders, under netchat's names and with help text, which {@code promtool check metrics} wants.
 */
public final class NettyMeters implements MeterBinder {
  private final ByteBufAllocatorMetric allocator;
  private final Iterable<EventExecutor> loops;

  /** @param allocator the metric of the allocator the server writes with */
  public NettyMeters(ByteBufAllocatorMetric allocator, Iterable<EventExecutor> loops) {
    this.allocator = allocator;
    this.loops = loops;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("netchat.allocator.used", allocator, ByteBufAllocatorMetric::usedHeapMemory).tag("memory", "heap")
        .baseUnit(BaseUnits.BYTES).description("memory the Netty allocator holds (pooled chunks included)")
        .register(registry);
    Gauge.builder("netchat.allocator.used", allocator, ByteBufAllocatorMetric::usedDirectMemory)
        .tag("memory", "direct").baseUnit(BaseUnits.BYTES)
        .description("memory the Netty allocator holds (pooled chunks included)").register(registry);
    int index = 0;
    for (EventExecutor loop : loops) {
      if (loop instanceof SingleThreadEventExecutor executor) {
        Gauge.builder("netchat.eventloop.pending.tasks", executor, SingleThreadEventExecutor::pendingTasks)
            .tag("loop", String.valueOf(index++))
            .description("tasks queued on an event loop and not yet run (its backlog)").register(registry);
      }
    }
  }
}
