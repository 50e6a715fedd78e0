package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.HandlerNames;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ListenerTraffic;
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

/**
 * Framed bytes skip the encoder, a read-only idle handler and the byte count (counted by the path),
 * and nothing that does work on a write; flushes skip what does not act on one.
 */
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

    FramedWrites path = FramedWrites.of(channel);
    path.write(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8), channel.voidPromise());
    path.flushFrom().flush();

    assertThat(path.writeFrom()).isSameAs(channel.pipeline().context(ServerChannelInitializer.IDLE));
    assertThat(path.flushFrom()).isSameAs(path.writeFrom());
    assertThat(path.countedBy()).isNull();
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

    assertThat(FramedWrites.of(writeTimed).writeFrom())
        .isSameAs(writeTimed.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    assertThat(FramedWrites.of(allTimed).writeFrom())
        .isSameAs(allTimed.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    writeTimed.finishAndReleaseAll();
    allTimed.finishAndReleaseAll();
  }

  @Test
  void anOutboundHandlerBetweenTheEncoderAndTheIdleHandlerIsNeverSkipped() {
    EmbeddedChannel channel = pipeline(new Seen(), new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), true);
    Seen framing = new Seen();
    channel.pipeline().addBefore(HandlerNames.MESSAGE_ENCODER, "framing", framing);

    FramedWrites path = FramedWrites.of(channel);
    path.write(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8), channel.voidPromise());
    path.flushFrom().flush();

    assertThat(path.writeFrom()).isSameAs(channel.pipeline().context(HandlerNames.MESSAGE_ENCODER));
    assertThat(framing.writes).containsExactly("frame");
    channel.finishAndReleaseAll();
  }

  @Test
  void withoutAnEncoderFramedBytesTakeTheWholePipeline() {
    EmbeddedChannel channel = pipeline(new Seen(), new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), false);

    FramedWrites path = FramedWrites.of(channel);
    assertThat(path.writeFrom()).isSameAs(channel);
    assertThat(path.flushFrom()).isSameAs(channel);
    channel.finishAndReleaseAll();
  }

  @Test
  void theListenersByteCountIsSkippedAndCountedByThePathWithEveryOtherWriteAndFlushAsBefore() {
    ChatCounters.PerListener counters = new ChatCounters(1).listener(0);
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(ListenerTraffic.NAME, new ListenerTraffic(counters));
    channel.pipeline().addLast(ServerChannelInitializer.IDLE, new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS));
    channel.pipeline().addLast(HandlerNames.MESSAGE_ENCODER, new ChannelOutboundHandlerAdapter());
    channel.pipeline().addLast(ServerChannelInitializer.SESSION, new ChannelInboundHandlerAdapter());

    FramedWrites path = FramedWrites.of(channel);
    path.write(Unpooled.copiedBuffer("frame", StandardCharsets.UTF_8), channel.voidPromise());
    channel.write(Unpooled.copiedBuffer("answer", StandardCharsets.UTF_8));
    path.flushFrom().flush();

    assertThat(path.writeFrom()).isSameAs(channel.pipeline().context(ListenerTraffic.NAME));
    assertThat(path.countedBy()).isSameAs(channel.pipeline().get(ListenerTraffic.NAME));
    assertThat(path.flushFrom()).isSameAs(path.writeFrom());
    assertThat(counters.bytesOut().sum()).isEqualTo("frame".length() + "answer".length());
    assertThat(drain(channel)).containsExactly("frame", "answer");
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void aHandlerAboveThatActsOnAFlushMakesTheFlushTakeTheWholePipeline() {
    EmbeddedChannel channel = pipeline(new Seen(), new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), true);
    List<String> flushes = new ArrayList<>();
    channel.pipeline().addBefore(ServerChannelInitializer.SESSION, "holdsUntilFlush", new ChannelOutboundHandlerAdapter() {
      @Override
      public void flush(ChannelHandlerContext ctx) {
        flushes.add("flush");
        ctx.flush();
      }
    });

    FramedWrites path = FramedWrites.of(channel);
    path.flushFrom().flush();

    assertThat(path.writeFrom()).isSameAs(channel.pipeline().context(ServerChannelInitializer.IDLE));
    assertThat(path.flushFrom()).isSameAs(channel);
    assertThat(flushes).containsExactly("flush");
    channel.finishAndReleaseAll();
  }

  private static List<String> drain(EmbeddedChannel channel) {
    List<String> out = new ArrayList<>();
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; buf.release()) {
      out.add(buf.toString(StandardCharsets.UTF_8));
    }
    return out;
  }
}
