package io.netchat.server.tls;

import io.netchat.server.RepeatedLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The first inbound handler of a plaintext listener: a connection whose first byte is a TLS
 * handshake record ({@code 0x16}, a ClientHello) is a TLS client on the wrong port. It is logged and
 * closed at once, instead of the frame decoder answering its handshake with a chat error it cannot
 * read. No frame of either framing can start with that byte: in {@code length} framing it would
 * announce a frame of over 350 MB, in {@code line} framing a control character. Any other first byte
 * removes the guard, so it costs nothing after the first read.
 */
public final class TlsOnPlaintextGuard extends ChannelInboundHandlerAdapter {
  /** This handler's name in a server pipeline. */
  public static final String NAME = "tlsGuard";
  /** The TLS record type of a handshake message, the first byte a TLS client sends. */
  static final int TLS_HANDSHAKE_RECORD = 0x16;

  private final RepeatedLog log;

  public TlsOnPlaintextGuard(RepeatedLog log) {
    this.log = log;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf && !buf.isReadable()) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (msg instanceof ByteBuf buf && buf.getUnsignedByte(buf.readerIndex()) == TLS_HANDSHAKE_RECORD) {
      ReferenceCountUtil.release(msg);
      log.log("tls-on-plaintext " + TlsFailureLog.ip(ctx), "closing connection from " + ctx.channel().remoteAddress()
          + ": it began a TLS handshake on a plaintext listener (the client wants TLS; give this listener"
          + " a tls section or point the client at a TLS listener)");
      ctx.close();
      return;
    }
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }
}
