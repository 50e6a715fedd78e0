package io.netchat.server;

import io.netchat.codec.HandlerNames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Where a connection writes frames that are already framed (a broadcast's above all): below the
 * message encoder, which they skip, and below every handler that would only pass them on — an
 * {@link IdleStateHandler} that watches reads only, as the server's does. Each write that starts
 * below such a handler saves the pipeline a hop per delivery (a call Netty's write path does not
 * inline), so a broadcast costs one hop for the byte count and one for the socket, as it did before
 * the byte count was added. The first outbound handler that does work (TLS, the byte count, or a
 * framing a codec installs) still sees every frame.
 */
final class FramedWrites {
  private FramedWrites() {}

  /** The context to write framed bytes from; the channel itself (the whole pipeline) without an encoder. */
  static ChannelOutboundInvoker of(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandlerContext from = pipeline.context(HandlerNames.MESSAGE_ENCODER);
    if (from == null) {
      return channel;
    }
    ChannelHandlerContext below = nextOutbound(pipeline, from);
    while (below != null && passesWritesOn(below.handler())) {
      from = below;
      below = nextOutbound(pipeline, from);
    }
    return from;
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

  /** A handler whose {@code write} only hands the message on: an idle handler without a write timeout. */
  private static boolean passesWritesOn(ChannelHandler handler) {
    if (handler.getClass() != IdleStateHandler.class) {
      return false; // a subclass may do work on a write
    }
    IdleStateHandler idle = (IdleStateHandler) handler;
    return idle.getWriterIdleTimeInMillis() == 0 && idle.getAllIdleTimeInMillis() == 0;
  }
}
