package io.netchat.testkit;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so that a harness can check, exactly and
 * without sampling or a garbage collection, that each one was released. Install it on a channel
 * ({@code channel.config().setAllocator(...)}) before the first read: then the reads a test feeds
 * in through {@code channel.alloc()}, the decoders' cumulation buffers and the encoders' output
 * all come from it.
 *
 * <p>Buffers are unpooled, so a released one is never recycled into a new allocation and its
 * {@link ByteBuf#refCnt()} stays 0: a non-zero count is a leak, not a reused object. Derived
 * buffers (slices, duplicates) share their parent's count and need no tracking of their own. Not
 * thread-safe: meant for {@code EmbeddedChannel}s.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
  private static final int SHOWN = 5;

  private final List<ByteBuf> handedOut = new ArrayList<>();

  /** Prefers direct buffers, as a socket channel's allocator does. */
  public TrackingAllocator() {
    super(true);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
  }

  @Override
  public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
    return track(super.compositeHeapBuffer(maxNumComponents));
  }

  @Override
  public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
    return track(super.compositeDirectBuffer(maxNumComponents));
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /** How many buffers were handed out since the last check. */
  public int allocations() {
    return handedOut.size();
  }

  /**
   * Fails when a buffer handed out since the last check still holds a reference. Either way the
   * allocator forgets them, and releases the leaked ones, so that the next input starts clean.
   */
  public void assertAllReleased() {
    List<String> leaked = new ArrayList<>();
    for (ByteBuf buffer : handedOut) {
      int refCnt = buffer.refCnt();
      if (refCnt != 0) {
        if (leaked.size() < SHOWN) {
          leaked.add(buffer.getClass().getSimpleName() + "(refCnt " + refCnt + ", " + buffer.readableBytes()
              + " readable of " + buffer.capacity() + ")");
        } else {
          leaked.add(null);
        }
        buffer.release(refCnt);
      }
    }
    int total = handedOut.size();
    handedOut.clear();
    if (!leaked.isEmpty()) {
      List<String> shown = leaked.stream().filter(s -> s != null).toList();
      throw new AssertionError(leaked.size() + " of " + total + " buffers never released: " + shown
          + (leaked.size() > SHOWN ? " ..." : ""));
    }
  }

  private <T extends ByteBuf> T track(T buffer) {
    handedOut.add(buffer);
    return buffer;
  }
}
