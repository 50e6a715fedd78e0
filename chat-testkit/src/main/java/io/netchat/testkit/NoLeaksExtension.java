package io.netchat.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a leaked buffer while it ran. Registered for every test
 * through JUnit's extension auto-detection (see this module's {@code junit-platform.properties}).
 *
 * <p>Netty notices a leak only when a collected, unreleased buffer's reference has been enqueued
 * and a later allocation polls the queue. So after each test this runs the collector until a
 * sentinel reference of its own is enqueued (the reference handler has then worked through that
 * collection), and allocates a few tracked buffers to make the detector look.
 */
public final class NoLeaksExtension implements AfterEachCallback {
  private static final int GC_ROUNDS = 2;
  private static final long MAX_WAIT_PER_ROUND_NANOS = TimeUnit.SECONDS.toNanos(2);

  @Override
  public void afterEach(ExtensionContext context) {
    if (!LeakRecorder.isInstalled()) {
      throw new IllegalStateException("LeakRecorder was not installed before the tests started");
    }
    for (int round = 0; round < GC_ROUNDS; round++) {
      collectGarbage();
      poke(ByteBufAllocator.DEFAULT);
      poke(PooledByteBufAllocator.DEFAULT);
      poke(UnpooledByteBufAllocator.DEFAULT);
    }
    List<String> leaks = LeakRecorder.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " ByteBuf leak(s) reported during or before "
              + context.getDisplayName() + ":\n" + String.join("\n", leaks));
    }
  }

  /** Runs the collector until a fresh phantom-reachable sentinel has been enqueued. */
  private static void collectGarbage() {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
    long deadline = System.nanoTime() + MAX_WAIT_PER_ROUND_NANOS;
    try {
      do {
        System.gc();
        if (queue.remove(50) != null) {
          break;
        }
      } while (System.nanoTime() < deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Reference.reachabilityFence(sentinel);
    }
  }

  private static void poke(ByteBufAllocator allocator) {
    ByteBuf heap = allocator.heapBuffer(1);
    ByteBuf direct = allocator.directBuffer(1);
    heap.release();
    direct.release();
  }
}
