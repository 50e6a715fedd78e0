package io.netchat.server;

import io.netchat.codec.HandlerNames;
import io.netchat.server.metrics.ListenerTraffic;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Where a connection writes frames that are already framed (a broadcast's above all), and where
 * it flushes from: below the message encoder, which framed bytes skip, and below every handler
 * that would only pass them on — an {@link IdleStateHandler} that watches reads only, as the
 * server's does, and the listener's byte count, which is then counted here. Every hop a delivery
 * skips is a call Netty's write path does not inline and a handler context it does not touch: at
 * a thousand recipients per message the cache misses of those contexts, not the calls, are what
 * a broadcast pays. The first outbound handler that does work (TLS, or a framing a codec installs)
 * still sees every frame. A flush starts at the same place when no handler above it acts on a
 * flush (every write above it is passed on at once), so it does not walk the whole pipeline.
 *
 * @param writeFrom where framed writes start
 * @param countedBy the byte count that {@code writeFrom} skips and this path counts for; null when
 *     the count (if any) sees the writes itself
 * @param flushFrom where this connection's flushes start
 */
record FramedWrites(ChannelOutboundInvoker writeFrom, ListenerTraffic countedBy, ChannelOutboundInvoker flushFrom) {

  /** The path for {@code channel}'s pipeline as it stands: the whole pipeline without an encoder. */
  static FramedWrites of(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandlerContext from = pipeline.context(HandlerNames.MESSAGE_ENCODER);
    if (from == null) {
      return new FramedWrites(channel, null, channel);
    }
    ListenerTraffic countedBy = null;
    ChannelHandlerContext below = nextOutbound(pipeline, from);
    while (below != null && countedBy == null && passesWritesOn(below.handler())) {
      from = below;
      if (below.handler() instanceof ListenerTraffic traffic) {
        countedBy = traffic;
      }
      below = nextOutbound(pipeline, from);
    }
    return new FramedWrites(from, countedBy, flushesPassOnFrom(pipeline, from) ? from : channel);
  }

  /** Writes an already framed message (not flushed). */
  void write(ByteBuf frame, ChannelPromise promise) {
    if (countedBy != null) {
      countedBy.countOut(frame);
    }
    writeFrom.write(frame, promise);
  }

  /** The nearest context below {@code from} (towards the socket) whose handler sees writes, or null. */
  private static ChannelHandlerContext nextOutbound(ChannelPipeline pipeline, ChannelHandlerContext from) {
    ChannelHandlerContext below = null;
    for (var entry : pipeline) {
      ChannelHandlerContext ctx = pipeline.context(entry.getValue());
      if (ctx == from) {
        return below;
      }
      if (entry.getValue() instanceof ChannelOutboundHandler) {
        below = ctx;
      }
    }
    return null;
  }

  /**
   * A handler whose {@code write} only hands the message on — an idle handler without a write
   * timeout — or only counts it, which this path then does ({@link ListenerTraffic}).
   */
  private static boolean passesWritesOn(ChannelHandler handler) {
    if (handler instanceof ListenerTraffic) {
      return true;
    }
    if (handler.getClass() != IdleStateHandler.class) {
      return false; // a subclass may do work on a write
    }
    IdleStateHandler idle = (IdleStateHandler) handler;
    return idle.getWriterIdleTimeInMillis() == 0 && idle.getAllIdleTimeInMillis() == 0;
  }

  /** Whether no handler from {@code from} up to the pipeline's end acts on a flush. */
  private static boolean flushesPassOnFrom(ChannelPipeline pipeline, ChannelHandlerContext from) {
    boolean above = false;
    for (var entry : pipeline) {
      above |= pipeline.context(entry.getValue()) == from;
      if (above && actsOnFlush(entry.getValue())) {
        return false;
      }
    }
    return above;
  }

  /** An outbound handler whose {@code flush} is its own, not the adapters' pass-on. */
  private static boolean actsOnFlush(ChannelHandler handler) {
    return handler instanceof ChannelOutboundHandler && ACTS_ON_FLUSH.get(handler.getClass());
  }

  /**
   * Per handler class, read by reflection once: every connection's pipeline asks about the same few
   * classes (a lookup by reflection per handler per connection was 1.5 % of a login ramp's loop).
   */
  private static final ClassValue<Boolean> ACTS_ON_FLUSH = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        Class<?> declaring = type.getMethod("flush", ChannelHandlerContext.class).getDeclaringClass();
        return declaring != ChannelOutboundHandlerAdapter.class && declaring != ChannelDuplexHandler.class;
      } catch (NoSuchMethodException e) {
        return true;
      }
    }
  };
}
