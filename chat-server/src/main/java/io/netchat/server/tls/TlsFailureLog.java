package io.netchat.server.tls;

import io.netchat.server.RepeatedLog;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ChatCounters.TlsFailure;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sits right after a listener's {@code SslHandler}: a failed handshake (a plaintext client, an
 * untrusted client certificate, a client that never finishes) is a client's doing, so it is logged
 * as a one-line refusal ({@link RepeatedLog}: a scanner cannot flood the log), counted by
 * {@linkplain TlsFailure reason} and the connection closed, instead of travelling on as an
 * "internal error" with a stack trace. Other errors pass.
 */
@Sharable
public final class TlsFailureLog extends ChannelInboundHandlerAdapter {
  /** This handler's name in a server pipeline. */
  public static final String NAME = "tlsFailures";

  private final RepeatedLog log;
  private final ChatCounters counters;

  public TlsFailureLog(RepeatedLog log, ChatCounters counters) {
    this.log = log;
    this.counters = counters;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      counters.tlsFailed(reason(done.cause()));
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

  /** The reason a handshake failed with {@code cause}, for the metric: a bounded set. */
  static TlsFailure reason(Throwable cause) {
    if (cause instanceof NotSslRecordException) {
      return TlsFailure.NOT_TLS;
    }
    if (cause instanceof SslHandshakeTimeoutException) {
      return TlsFailure.TIMEOUT;
    }
    if (cause instanceof ClosedChannelException) {
      return TlsFailure.CLOSED;
    }
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof CertificateException || c instanceof CertPathValidatorException
          || c instanceof SSLPeerUnverifiedException || String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("cert")) {
        return TlsFailure.BAD_CERTIFICATE;
      }
    }
    return cause instanceof SSLException ? TlsFailure.PROTOCOL : TlsFailure.OTHER;
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
