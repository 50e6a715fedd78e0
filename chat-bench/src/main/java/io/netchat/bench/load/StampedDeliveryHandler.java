package io.netchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits right after the frame decoder: a frame carrying a {@link SendStamp} is a room delivery, so
 * it is timed and released here without decoding; every other frame goes on to the codec.
 */
public final class StampedDeliveryHandler extends ChannelInboundHandlerAdapter {
  /** Name of this handler in the pipeline. */
  public static final String NAME = "stampedDeliveries";

  private final DeliveryStats stats;
  private final BenchClock clock;

  public StampedDeliveryHandler(DeliveryStats stats, BenchClock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf frame) {
      long intended = SendStamp.find(frame);
      if (intended != SendStamp.NONE) {
        stats.delivered(intended, clock.now());
        frame.release();
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }
}
