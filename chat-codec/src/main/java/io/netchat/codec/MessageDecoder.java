package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each frame with a {@link ChatCodec}. A frame that breaks the contract becomes a
 * non-fatal {@link DecodeFailure}; the next frame decodes normally. Stateless and shareable.
 */
@Sharable
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  private final ChatCodec codec;
  private final Class<?> side;

  public MessageDecoder(ChatCodec codec, Class<?> side) {
    super(ByteBuf.class);
    this.codec = codec;
    this.side = side;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    try {
      out.add(codec.decode(frame, side));
    } catch (ChatCodecException e) {
      out.add(new DecodeFailure(e, false));
    }
  }
}
