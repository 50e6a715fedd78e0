package io.netchat.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The durable store's figures ({@code store.type: sqlite}): its write queue's depth, read at scrape
 * time, and the latency of each commit (one transaction, however many writes it groups, the WAL
 * sync included) as a Prometheus histogram, recorded by the store's writer thread through
 * {@link #committed} — never on an event loop.
 */
public final class StoreMeters implements MeterBinder {
  private static final String PREFIX = "netchat.store.";

  private final IntSupplier queued;
  private final int capacity;
  private volatile Timer commits;

  /**
   * @param queued writes accepted and waiting for the writer now
   * @param capacity the most that may wait ({@code store.queue_capacity}): past it, {@code unavailable}
   */
  public StoreMeters(IntSupplier queued, int capacity) {
    this.queued = queued;
    this.capacity = capacity;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(PREFIX + "queue.depth", queued, q -> q.getAsInt())
        .description("writes waiting for the store's writer (messages, topic changes, room opens)")
        .strongReference(true).register(registry);
    Gauge.builder(PREFIX + "queue.capacity", () -> capacity)
        .description("store.queue_capacity: a write that finds the queue this deep is refused (unavailable)")
        .strongReference(true).register(registry);
    commits = Timer.builder(PREFIX + "commit")
        .description("time of one store transaction (a group commit of many writes), WAL sync included")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
  }

  /** The store committed a transaction that took {@code nanos} (the writer's thread). */
  public void committed(long nanos) {
    Timer timer = commits;
    if (timer != null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
