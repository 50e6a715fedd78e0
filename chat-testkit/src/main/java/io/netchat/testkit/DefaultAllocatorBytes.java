package io.netchat.testkit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Bytes that {@link ByteBufAllocator#DEFAULT} holds for live buffers, exactly, when it is the
 * unpooled allocator ({@code -Dio.netty.allocator.type=unpooled}, which {@link JazzerDefaults}
 * sets while fuzzing): code that allocates from the default allocator rather than from a channel
 * (a room's broadcast frames, say) can then be checked by a balance taken before and after an
 * input. A pooling allocator only reports whole chunks, so there is no exact figure to give.
 */
public final class DefaultAllocatorBytes {
  private DefaultAllocatorBytes() {}

  /** Whether {@link #inUse()} is exact in this JVM. */
  public static boolean exact() {
    return ByteBufAllocator.DEFAULT instanceof UnpooledByteBufAllocator;
  }

  /** Heap plus direct bytes of live buffers from the default allocator, or -1 when not {@link #exact()}. */
  public static long inUse() {
    if (!(ByteBufAllocator.DEFAULT instanceof UnpooledByteBufAllocator unpooled)) {
      return -1;
    }
    ByteBufAllocatorMetric metric = unpooled.metric();
    return metric.usedHeapMemory() + metric.usedDirectMemory();
  }
}
