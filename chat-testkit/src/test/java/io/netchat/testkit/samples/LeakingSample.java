package io.netchat.testkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests that pass on their own merits but forget to release a buffer. */
@OnlyInsideLeakGuardTest
public class LeakingSample {
  @Test
  public void forgetsToRelease() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
    buffer.writeCharSequence("leaked on purpose", StandardCharsets.US_ASCII);
    assertThat(buffer.readableBytes()).isEqualTo(17);
  }

  @Test
  public void forgetsToReleaseADecodedFrame() {
    // Input as a socket delivers it: a direct buffer from the channel's allocator. (Netty tracks
    // every buffer but unpooled heap ones, which the garbage collector reclaims anyway.)
    EmbeddedChannel channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(1024, 0, 4, 0, 4));
    channel.writeInbound(channel.alloc().directBuffer(6).writeBytes(new byte[] {0, 0, 0, 2, 'h', 'i'}));
    ByteBuf frame = channel.readInbound();
    assertThat(frame.readableBytes()).isEqualTo(2);
    assertThat(channel.finish()).isFalse();
  }
}
