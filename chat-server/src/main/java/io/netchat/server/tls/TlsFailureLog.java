package io.netchat.server.tls;

import io.netchat.server.RepeatedLog;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;

/**
 * Sits right after a listener's {@code SslHandler}: a failed handshake (a plaintext client, an
 * untrusted client certificate, a client that never finishes) is a client's doing, so it is logged
 * as a one-line refusal ({@link RepeatedLog}: a scanner cannot flood the log) and the connection
 * closed, instead of travelling on as an "internal error" with a stack trace. Other errors pass.
 */
@Sharable
public final class TlsFailureLog extends ChannelInboundHandlerAdapter {
  /** This handler's name in a server pipeline. */
  public static final String NAME = "tlsFailures";

  private final RepeatedLog log;

  public TlsFailureLog(RepeatedLog log) {
    this.log = log;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      log.log("tls-handshake " + ip(ctx), "TLS handshake with " + ctx.channel().remoteAddress()
          + " failed: " + describe(done.cause()));
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (tls instanceof SSLException) {
      ctx.close(); // the handshake completion event has logged it
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  /** The remote IP address of {@code ctx}'s channel: a refusal's cause, so that one address's many ports log once. */
  static String ip(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
        ? remote.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
  }

  /** What a person reads about a handshake failure. */
  static String describe(Throwable cause) {
    if (cause instanceof NotSslRecordException) {
      return "not a TLS client (plaintext on a TLS listener)";
    }
    if (cause instanceof SslHandshakeTimeoutException) {
      return "the client did not complete the handshake in time";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
