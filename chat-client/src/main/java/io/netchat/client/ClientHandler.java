package io.netchat.client;

import io.netchat.codec.DecodeFailure;
import io.netchat.codec.ServerMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client pipeline: hands decoded server messages and connection changes to
 * the {@link Connection} that owns the channel; pings a silent server once, then gives up on it.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

  /** What the handler reports to; implemented by {@link Connection}, called on the event loop. */
  interface Callbacks {
    void onMessage(io.netty.channel.Channel channel, ServerMessage message);

    void onInactive(io.netty.channel.Channel channel);

    void onIdle(io.netty.channel.Channel channel, boolean first);
  }

  private final Callbacks callbacks;

  ClientHandler(Callbacks callbacks) {
    this.callbacks = callbacks;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ServerMessage message) {
      ctx.channel().attr(TlsFailures.HEARD).set(Boolean.TRUE);
      callbacks.onMessage(ctx.channel(), message);
    } else if (msg instanceof DecodeFailure failure) {
      log.warn("undecodable frame from server {}: {}", ctx.channel().remoteAddress(), failure.error().getMessage());
      if (failure.fatal()) {
        ctx.close();
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    callbacks.onInactive(ctx.channel());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle) {
      callbacks.onIdle(ctx.channel(), idle.isFirst());
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (tls instanceof SSLException late && ctx.channel().pipeline().get(SslHandler.class) != null
        && ctx.channel().pipeline().get(SslHandler.class).handshakeFuture().isSuccess()) {
      // e.g. TLS 1.3: a server that refuses our certificate says so after our side of the handshake
      ctx.channel().attr(TlsFailures.LATE_ERROR).set(late);
      log.warn("TLS error from {}: {}", ctx.channel().remoteAddress(), tls.getMessage());
    } else if (cause instanceof IOException) {
      log.debug("connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("closing connection to {} after an unexpected error", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
