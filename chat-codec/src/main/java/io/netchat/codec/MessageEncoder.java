package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes outbound messages of one side into framed bytes. Anything else, in particular a
 * {@link ByteBuf} that {@link WireFormat#encode} framed once for a whole broadcast, passes through
 * untouched. Stateless and shareable.
 */
@Sharable
public final class MessageEncoder extends MessageToByteEncoder<Object> {
  private final WireFormat format;
  private final Class<?> outbound;

  public MessageEncoder(WireFormat format, Class<?> outbound) {
    this.format = format;
    this.outbound = outbound;
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return outbound.isInstance(msg);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    format.writeFrame(msg, out);
  }
}
