package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses each IRC line into an {@link IrcMessage}. The bytes are read as UTF-8 with every invalid
 * sequence replaced by U+FFFD, so no byte sequence fails the connection; a line IRC cannot parse
 * (no command, a part over its limit) becomes a non-fatal {@link DecodeFailure}. Stateless and
 * shareable.
 */
@Sharable
public final class IrcMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  public IrcMessageDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    try {
      out.add(IrcMessage.parse(line.toString(StandardCharsets.UTF_8)));
    } catch (ChatCodecException e) {
      out.add(new DecodeFailure(e, false));
    }
  }
}
