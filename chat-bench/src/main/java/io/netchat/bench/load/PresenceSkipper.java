package io.netchat.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Releases JSON {@code presence} frames undecoded, right after the frame decoder: the generator
 * never reads them, and while 10,000 clients join rooms of ten the server sends ~45,000 of them,
 * which fully decoded cost the generator's one core more than the server spends answering the
 * joins. Every other frame goes on to the codec.
 */
@ChannelHandler.Sharable
public final class PresenceSkipper extends ChannelInboundHandlerAdapter {
  /** Name of this handler in the pipeline. */
  public static final String NAME = "presenceSkipper";
  /** The one instance: it keeps no state. */
  public static final PresenceSkipper INSTANCE = new PresenceSkipper();

  private static final byte[] PREFIX = "{\"type\":\"presence\"".getBytes(StandardCharsets.US_ASCII);

  private PresenceSkipper() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf frame && isPresence(frame)) {
      frame.release();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Whether {@code frame}'s readable bytes begin as the server encodes a JSON presence event. */
  static boolean isPresence(ByteBuf frame) {
    if (frame.readableBytes() < PREFIX.length) {
      return false;
    }
    int start = frame.readerIndex();
    for (int i = 0; i < PREFIX.length; i++) {
      if (frame.getByte(start + i) != PREFIX[i]) {
        return false;
      }
    }
    return true;
  }
}
