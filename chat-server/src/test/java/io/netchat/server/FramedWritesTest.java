package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.HandlerNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Framed bytes skip the encoder and a read-only idle handler, and nothing that does work on a write. */
class FramedWritesTest {

  /** Records what it is asked to write, as the server's byte count does, and passes it on. */
  private static final class Seen extends ChannelOutboundHandlerAdapter {
    final List<String> writes = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      writes.add(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
      ctx.write(msg, promise);
    }
  }

  private static EmbeddedChannel pipeline(Seen seen, IdleStateHandler idle, boolean encoder) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("traffic", seen);
    channel.pipeline().addLast(ServerChannelInitializer.IDLE, idle);
    channel.pipeline().addLast(HandlerNames.FRAME_DECODER, new ChannelInboundHandlerAdapter());
    if (encoder) {
      channel.pipeline().addLast(HandlerNames.MESSAGE_ENCODER, new ChannelOutboundHandlerAdapter());
    }
    channel.pipeline().addLast(ServerChannelInitializer.SESSION, new ChannelInboundHandlerAdapter());
    return channel;
  }

  @Test
  void framedBytesStartBelowAnIdleHandlerThatWatchesReadsOnlyAndStillPassTheByteCount() {
    Seen seen = new Seen();
    EmbeddedChannel channel = pipeline(seen, new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), true);

    var from = FramedWrites.of(channel);
    from.writeAndFlush(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8));

    assertThat(from).isSameAs(channel.pipeline().context(ServerChannelInitializer.IDLE));
    assertThat(seen.writes).containsExactly("frame");
    ByteBuf out = channel.readOutbound();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("frame");
    out.release();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void anIdleHandlerThatTimesWritesSeesThem() {
    EmbeddedChannel writeTimed = pipeline(new Seen(), new IdleStateHandler(30, 5, 0, TimeUnit.SECONDS), true);
    EmbeddedChannel allTimed = pipeline(new Seen(), new IdleStateHandler(30, 0, 5, TimeUnit.SECONDS), true);

    assertThat(FramedWrites.of(writeTimed)).isSameAs(writeTimed.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    assertThat(FramedWrites.of(allTimed)).isSameAs(allTimed.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    writeTimed.finishAndReleaseAll();
    allTimed.finishAndReleaseAll();
  }

  @Test
  void anOutboundHandlerBetweenTheEncoderAndTheIdleHandlerIsNeverSkipped() {
    EmbeddedChannel channel = pipeline(new Seen(), new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), true);
    Seen framing = new Seen();
    channel.pipeline().addBefore(HandlerNames.MESSAGE_ENCODER, "framing", framing);

    var from = FramedWrites.of(channel);
    from.writeAndFlush(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8));

    assertThat(from).isSameAs(channel.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    assertThat(framing.writes).containsExactly("frame");
    channel.finishAndReleaseAll();
  }

  @Test
  void withoutAnEncoderFramedBytesTakeTheWholePipeline() {
    EmbeddedChannel channel = pipeline(new Seen(), new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), false);

    assertThat(FramedWrites.of(channel)).isSameAs(channel);
    channel.finishAndReleaseAll();
  }
}
