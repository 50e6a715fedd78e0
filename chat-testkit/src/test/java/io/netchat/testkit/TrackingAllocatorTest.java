package io.netchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingAllocatorTest {
  private final TrackingAllocator allocator = new TrackingAllocator();

  @Test
  void passesWhenEveryBufferWasReleased() {
    allocator.directBuffer(8).release();
    allocator.heapBuffer(8).release();
    allocator.compositeBuffer().release();

    assertThat(allocator.allocations()).isEqualTo(3);
    allocator.assertAllReleased();
    assertThat(allocator.allocations()).isZero();
  }

  @Test
  void failsOnAnUnreleasedBufferAndReleasesIt() {
    allocator.directBuffer(8).release();
    ByteBuf leaked = allocator.heapBuffer(16).writeInt(7);

    assertThatThrownBy(allocator::assertAllReleased).isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 of 2 buffers never released")
        .hasMessageContaining("refCnt 1, 4 readable of 16");
    assertThat(leaked.refCnt()).isZero();
    allocator.assertAllReleased();
  }

  @Test
  void aRetainedSliceHoldsItsParent() {
    ByteBuf parent = allocator.buffer(8).writeLong(1);
    ByteBuf slice = parent.readRetainedSlice(4);
    parent.release();

    assertThatThrownBy(allocator::assertAllReleased).hasMessageContaining("1 of 1");
    assertThat(slice.refCnt()).isZero();
  }

  @Test
  void seesTheCumulationBufferADecoderForgets() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(allocator);
    channel.pipeline().addLast(new HoldsAFrame());

    channel.writeInbound(channel.alloc().buffer(2).writeShort(1));
    channel.writeInbound(channel.alloc().buffer(2).writeShort(2));
    assertThat(channel.finish()).isTrue();
    ByteBuf frame = channel.readInbound();

    assertThatThrownBy(allocator::assertAllReleased).hasMessageContaining("never released");
    assertThat(frame.refCnt()).isZero();
  }

  /** Passes on the first 3 bytes as a retained slice of the cumulation, which the test never releases. */
  private static final class HoldsAFrame extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (in.readableBytes() >= 3) {
        out.add(in.readRetainedSlice(3));
      }
    }
  }
}
