package io.netchat.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a leaked buffer while it ran. Registered for every test
 * through JUnit's extension auto-detection (see this module's {@code junit-platform.properties}).
 *
 * <p>Netty reports a leak only when a collected buffer is noticed during a later allocation, so
 * after each test this runs the collector and allocates a few buffers to make the detector look.
 */
public final class NoLeaksExtension implements AfterEachCallback {
  private static final int GC_ROUNDS = 2;

  @Override
  public void afterEach(ExtensionContext context) {
    if (!LeakRecorder.isInstalled()) {
      throw new IllegalStateException("LeakRecorder was not installed before the tests started");
    }
    for (int round = 0; round < GC_ROUNDS; round++) {
      System.gc();
      System.runFinalization();
      poke(ByteBufAllocator.DEFAULT);
      poke(PooledByteBufAllocator.DEFAULT);
      Unpooled.buffer(1).release();
    }
    List<String> leaks = LeakRecorder.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " ByteBuf leak(s) reported during or before "
              + context.getDisplayName() + ":\n" + String.join("\n", leaks));
    }
  }

  private static void poke(ByteBufAllocator allocator) {
    ByteBuf heap = allocator.heapBuffer(1);
    ByteBuf direct = allocator.directBuffer(1);
    heap.release();
    direct.release();
  }
}
