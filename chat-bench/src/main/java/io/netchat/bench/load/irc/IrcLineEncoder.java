package io.netchat.bench.load.irc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes an outgoing IRC line (a {@link CharSequence} without CR LF) as UTF-8 followed by CR LF. */
@Sharable
public final class IrcLineEncoder extends MessageToByteEncoder<CharSequence> {
  /** The one instance: it keeps no state. */
  public static final IrcLineEncoder INSTANCE = new IrcLineEncoder();

  private IrcLineEncoder() {
    super(CharSequence.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, CharSequence line, ByteBuf out) {
    ByteBufUtil.writeUtf8(out, line);
    out.writeByte('\r').writeByte('\n');
  }
}
