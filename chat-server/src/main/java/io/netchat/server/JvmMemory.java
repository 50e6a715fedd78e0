package io.netchat.server;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * The memory this JVM really has for the server, as start-up sees it.
 *
 * @param maxHeap the most heap the JVM will use ({@code -Xmx}: {@link Runtime#maxMemory()})
 * @param maxDirect the most direct memory Netty may allocate ({@code -XX:MaxDirectMemorySize},
 *     by default the same as the heap; {@code PlatformDependent.maxDirectMemory()})
 * @param usedDirect direct memory already in use
 * @param directBuffers whether Netty's I/O buffers (reads, cumulation, encoded output) are direct;
 *     when they are not, inbound and outbound bytes live on the heap too
 */
record JvmMemory(long maxHeap, long maxDirect, long usedDirect, boolean directBuffers) {

  /** This JVM's figures now. */
  static JvmMemory current() {
    return new JvmMemory(Runtime.getRuntime().maxMemory(), PlatformDependent.maxDirectMemory(), usedDirectNow(),
        PlatformDependent.directBufferPreferred());
  }

  /** Netty's own counter when it tracks direct memory, else the JDK's direct buffer pool. */
  private static long usedDirectNow() {
    long counted = PlatformDependent.usedDirectMemory();
    if (counted >= 0) {
      return counted;
    }
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> "direct".equals(pool.getName()))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .findFirst().orElse(0);
  }

  @Override
  public String toString() {
    return "heap " + MemoryPlan.size(maxHeap) + ", direct " + MemoryPlan.size(maxDirect)
        + (directBuffers ? "" : " (I/O buffers on the heap)");
  }
}
