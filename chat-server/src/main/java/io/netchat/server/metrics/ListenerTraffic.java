package io.netchat.server.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one listener's accepted connections and the bytes they read and are given to write, at
 * the head of each pipeline (what the socket reads, what it is asked to send). One shared instance
 * per listener; a {@link LongAdder} add per read and per write, nothing else.
 */
@Sharable
public final class ListenerTraffic extends ChannelDuplexHandler {
  /** This handler's name in a server pipeline. */
  public static final String NAME = "traffic";

  private final LongAdder accepted;
  private final LongAdder in;
  private final LongAdder out;

  public ListenerTraffic(ChatCounters.PerListener listener) {
    this.accepted = listener.accepted();
    this.in = listener.bytesIn();
    this.out = listener.bytesOut();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    accepted.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    in.add(size(msg));
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    out.add(size(msg));
    ctx.write(msg, promise);
  }

  /**
   * Counts a frame written below this handler, which its {@code write} does not see: a delivery
   * path that starts at this handler's context to skip the hop (the server's framed writes).
   */
  public void countOut(ByteBuf frame) {
    out.add(frame.readableBytes());
  }

  private static long size(Object msg) {
    if (msg instanceof ByteBuf buf) {
      return buf.readableBytes();
    }
    return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
  }
}
