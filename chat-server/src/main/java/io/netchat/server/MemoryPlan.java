package io.netchat.server;

import io.netchat.codec.ByteBudget;
import io.netchat.codec.InboundPolicy;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.MemoryConfig;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * The three global memory budgets as the server will use them, derived where the configuration
 * leaves them at 0 and checked against the memory the JVM really has. {@link #of} refuses, with a
 * {@link ConfigException} naming the keys, a configuration that cannot fit.
 *
 * <p>The model (docs/OPERATIONS.md, "Memory budget"): a quarter of the heap and of direct memory is
 * left as headroom (garbage collection, transient objects, read buffers, allocator chunks). Every
 * allowed connection costs {@value #CONNECTION_HEAP} bytes of heap. History lives on the heap;
 * inbound and outbound bytes live in direct memory (on the heap when Netty uses heap buffers), and
 * inbound counts twice, because a cumulation buffer may grow to twice the bytes it holds.
 *
 * @param inboundBytes bytes of incomplete frames, all connections ({@code memory.inbound_bytes})
 * @param outboundBytes queued outbound bytes, all connections ({@code memory.outbound_bytes})
 * @param historyBytes history bytes, all rooms ({@code memory.history_bytes})
 * @param jvm the memory these were fitted into
 */
record MemoryPlan(long inboundBytes, long outboundBytes, long historyBytes, JvmMemory jvm) {
  /** Heap one connection may cost (sessions, pipeline, room memberships): ~3× the measured idle 2.5 KiB. */
  static final long CONNECTION_HEAP = 8 * 1024;
  /** A cumulation buffer grows in powers of two: it may take up to twice the bytes it holds. */
  static final int CUMULATION_SLACK = 2;
  static final String INBOUND = "memory.inbound_bytes";
  private static final String OUTBOUND = "memory.outbound_bytes";
  private static final String HISTORY = "memory.history_bytes";

  /** The budgets of {@code config} in {@code jvm}, derived where set to 0; fails if they cannot fit. */
  static MemoryPlan of(ServerConfig config, JvmMemory jvm) {
    LimitsConfig limits = config.limits();
    MemoryConfig memory = config.memory();
    long connectionsHeap = saturatedProduct(limits.maxConnections(), CONNECTION_HEAP);
    long usableHeap = jvm.maxHeap() / 4 * 3 - connectionsHeap;
    if (usableHeap <= 0) {
      throw new ConfigException("limits.max_connections", limits.maxConnections(), "at " + size(CONNECTION_HEAP)
          + " of heap each, these connections need " + size(connectionsHeap) + ", more than the usable three quarters ("
          + size(jvm.maxHeap() / 4 * 3) + ") of the JVM's " + jvm + "; lower it or raise -Xmx");
    }
    long usableDirect = jvm.directBuffers() ? Math.max(0, jvm.maxDirect() - jvm.usedDirect()) / 4 * 3 : 0;
    long minInbound = limits.maxFrameLength() + 4L;
    long inbound = orDerived(memory.inboundBytes(),
        Math.max(minInbound, jvm.directBuffers() ? usableDirect / 8 : usableHeap / 16));
    long outbound = orDerived(memory.outboundBytes(),
        Math.max(limits.maxOutboundBytes(), jvm.directBuffers() ? usableDirect / 2 : usableHeap / 4));
    long history = orDerived(memory.historyBytes(),
        Math.max(limits.maxFrameLength(), jvm.directBuffers() ? usableHeap / 2 : usableHeap / 4));
    MemoryPlan plan = new MemoryPlan(inbound, outbound, history, jvm);

    if (inbound < minInbound) {
      throw new ConfigException(INBOUND, inbound, "must hold at least one whole frame: limits.max_frame_length + 4 = "
          + minInbound);
    }
    if (outbound < limits.maxOutboundBytes()) {
      throw new ConfigException("limits.max_outbound_bytes", limits.maxOutboundBytes(),
          "one connection's queue must not exceed the global " + OUTBOUND + " (" + outbound + ")");
    }
    if (history < limits.maxFrameLength()) {
      throw new ConfigException(HISTORY, history, "must hold at least one message of limits.max_frame_length ("
          + limits.maxFrameLength() + ")");
    }
    long inboundCost = saturatedProduct(inbound, CUMULATION_SLACK);
    if (jvm.directBuffers() && saturatedSum(inboundCost, outbound) > usableDirect) {
      throw new ConfigException(INBOUND + ", " + OUTBOUND, null, "2 × " + size(inbound) + " + " + size(outbound)
          + " = " + size(saturatedSum(inboundCost, outbound)) + " does not fit the usable three quarters ("
          + size(usableDirect) + ") of the JVM's free direct memory (" + jvm
          + "); lower them or raise -XX:MaxDirectMemorySize");
    }
    if (jvm.directBuffers() ? history > usableHeap : saturatedSum(history, saturatedSum(inboundCost, outbound)) > usableHeap) {
      String keys = jvm.directBuffers() ? HISTORY : HISTORY + ", " + OUTBOUND + ", " + INBOUND;
      String need = jvm.directBuffers() ? size(history)
          : size(history) + " + " + size(outbound) + " + 2 × " + size(inbound);
      throw new ConfigException(keys, null, need + " does not fit the heap left after limits.max_connections = "
          + limits.maxConnections() + " × " + size(CONNECTION_HEAP) + ": " + size(usableHeap) + " of the usable three"
          + " quarters of the JVM's " + jvm + "; lower them or raise -Xmx");
    }
    return plan;
  }

  /**
   * What every frame decoder of the server may hold: a new budget of {@link #inboundBytes}, the
   * pre-hello frame limit and {@code frameTimeout} ({@code memory.frame_timeout}).
   */
  InboundPolicy inboundPolicy(Duration frameTimeout) {
    return new InboundPolicy(new ByteBudget(inboundBytes), InboundPolicy.DEFAULT_PRE_HELLO_MAX_FRAME_LENGTH,
        frameTimeout);
  }

  private static long orDerived(long configured, long derived) {
    return configured == MemoryConfig.DERIVED ? derived : configured;
  }

  private static long saturatedProduct(long a, long b) {
    long product = a * b;
    return Math.multiplyHigh(a, b) != 0 || product < 0 ? Long.MAX_VALUE : product;
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** {@code bytes} for people: {@code 48 MiB}, {@code 1.5 GiB}, {@code 512 B}. */
  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
        + " " + units[unit];
  }

  @Override
  public String toString() {
    return "inbound " + size(inboundBytes) + ", outbound " + size(outboundBytes) + ", history " + size(historyBytes)
        + " (" + jvm + ")";
  }
}
