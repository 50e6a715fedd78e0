package io.netchat.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * What a person reads when the TLS handshake with a server fails: a plaintext server, an expired
 * or untrusted certificate, a certificate for another host. Each says what to do.
 */
final class TlsFailures {
  /** A TLS error that came after our side of the handshake (a TLS 1.3 server refusing our certificate). */
  static final AttributeKey<SSLException> LATE_ERROR = AttributeKey.valueOf("netchat.tls.lateError");
  /** Set once the server has sent any message on the channel. */
  static final AttributeKey<Boolean> HEARD = AttributeKey.valueOf("netchat.heard");

  private TlsFailures() {}

  /**
   * {@code helloError}, explained when the channel tells why: the server's TLS alert (e.g. it wants a
   * client certificate), or a plaintext connection closed without a word (perhaps a TLS listener).
   */
  static Throwable explain(Channel channel, String target, Throwable helloError) {
    SSLException late = channel.attr(LATE_ERROR).get();
    if (late != null) {
      String hint = mentions(late, "certificate") ? " (does the server want a client certificate? --cert/--key)" : "";
      return new ChatConnectionException("TLS handshake failed: " + target + " refused the connection: "
          + late.getMessage() + hint, late);
    }
    boolean plaintext = channel.pipeline().get(SslHandler.class) == null;
    if (plaintext && !channel.isActive() && channel.attr(HEARD).get() == null
        && helloError instanceof ChatConnectionException) {
      return new ChatConnectionException(helloError.getMessage() + ": " + target + " closed the connection without"
          + " a word (a TLS listener does that to a plaintext client; connect with --tls)", helloError);
    }
    return helloError;
  }

  /** The failure of the handshake with {@code target} ({@code host:port}) as a {@link ChatConnectionException}. */
  static ChatConnectionException describe(String target, String host, Throwable failure) {
    Throwable cause = failure instanceof DecoderException && failure.getCause() != null ? failure.getCause() : failure;
    return new ChatConnectionException(message(target, host, cause), cause);
  }

  private static String message(String target, String host, Throwable cause) {
    if (cause instanceof NotSslRecordException) {
      return "not a TLS server: " + target + " answered the TLS handshake with something else"
          + " (a plaintext listener? connect without --tls)";
    }
    if (cause instanceof ClosedChannelException
        || cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("closed while")) {
      return "not a TLS server: " + target + " closed the connection during the TLS handshake"
          + " (a plaintext listener does that; connect without --tls)";
    }
    if (cause instanceof SslHandshakeTimeoutException) {
      return "TLS handshake failed: " + target + " did not complete the TLS handshake in time"
          + " (is it a TLS listener?)";
    }
    String prefix = "TLS handshake with " + target + " failed: ";
    if (has(cause, CertificateExpiredException.class) || reason(cause, CertPathValidatorException.BasicReason.EXPIRED)) {
      return prefix + "the server's certificate has expired";
    }
    if (has(cause, CertificateNotYetValidException.class)
        || reason(cause, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
      return prefix + "the server's certificate is not valid yet (check the clocks)";
    }
    if (mentions(cause, "no subject alternative") || mentions(cause, "no name matching")) {
      return prefix + "the server's certificate is not valid for host " + host + " ("
          + deepest(cause).getMessage() + ")";
    }
    if (mentions(cause, "pkix path") || mentions(cause, "unable to find valid certification path")
        || mentions(cause, "path does not chain")) {
      return prefix + "the server's certificate is not trusted (not issued by a CA of "
          + "the trust store; give its CA with --ca FILE)";
    }
    return prefix + deepest(cause).getMessage();
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reason(Throwable error, CertPathValidatorException.Reason wanted) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertPathValidatorException invalid && invalid.getReason() == wanted) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(Throwable error, String text) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable deepest(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? error : t;
  }
}
