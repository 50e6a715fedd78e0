package io.netchat.server;

import io.netchat.server.metrics.ChatCounters;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Counts open connections, in all and per remote address, against their limits, and the refusals.
 * The limits are read at each admission, so a reload applies to the next connection. Thread-safe.
 */
final class ConnectionLimiter {
  private final IntSupplier maxConnections;
  private final IntSupplier maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final ChatCounters counters;

  ConnectionLimiter(int maxConnections, int maxPerAddress) {
    this(() -> maxConnections, () -> maxPerAddress, new ChatCounters(0));
  }

  /**
   * @param maxConnections {@code limits.max_connections} in force now
   * @param maxPerAddress {@code limits.max_connections_per_ip} in force now
   * @param counters where refusals are counted, by which limit refused
   */
  ConnectionLimiter(IntSupplier maxConnections, IntSupplier maxPerAddress, ChatCounters counters) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
    this.counters = counters;
  }

  /** Takes a slot for a connection from {@code address}; returns why not, or {@code null}. */
  String tryAcquire(InetAddress address) {
    int maxConnections = this.maxConnections.getAsInt();
    if (total.incrementAndGet() > maxConnections) {
      total.decrementAndGet();
      counters.refused(ChatCounters.Refusal.MAX_CONNECTIONS);
      return "the server has its maximum of " + maxConnections + " connections";
    }
    if (address != null) {
      AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
      int maxPerAddress = this.maxPerAddress.getAsInt();
      if (count.incrementAndGet() > maxPerAddress) {
        release(address);
        counters.refused(ChatCounters.Refusal.MAX_CONNECTIONS_PER_IP);
        return "too many connections from " + address.getHostAddress() + " (limit " + maxPerAddress + ")";
      }
    }
    return null;
  }

  /** Gives back the slot of a connection that {@link #tryAcquire} admitted. */
  void release(InetAddress address) {
    total.decrementAndGet();
    if (address != null) {
      perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
    }
  }

  int open() {
    return total.get();
  }
}
