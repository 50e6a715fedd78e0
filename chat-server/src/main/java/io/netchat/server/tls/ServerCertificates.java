package io.netchat.server.tls;

import io.netchat.codec.tls.PemFiles;
import io.netchat.codec.tls.TlsFileException;
import io.netchat.codec.tls.TlsProvider;
import io.netchat.server.config.TlsClientAuth;
import io.netchat.server.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A listener's {@link SslContext} built from its {@link TlsConfig}: the PEM files are read (here,
 * on the calling thread: start-up or a reload, never an event loop), the key is checked against
 * the certificate, and only TLS 1.3 and 1.2 are enabled.
 *
 * @param context what new handshakes use
 * @param leaf the server certificate, for log lines
 */
public record ServerCertificates(SslContext context, X509Certificate leaf) {

  /** Reads and checks the files of {@code tls}; a {@link TlsFileException} names the file at fault. */
  public static ServerCertificates load(TlsConfig tls) {
    List<X509Certificate> chain = PemFiles.certificates(tls.certFile());
    PrivateKey key = PemFiles.privateKey(tls.keyFile());
    PemFiles.requireMatch(key, tls.keyFile(), chain.get(0), tls.certFile());
    SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
        .sslProvider(TlsProvider.choose())
        .protocols(TlsProvider.PROTOCOLS)
        .clientAuth(clientAuth(tls.clientAuth()));
    if (tls.clientAuth() != TlsClientAuth.NONE) {
      builder.trustManager(PemFiles.certificates(tls.caFile()).toArray(X509Certificate[]::new));
    }
    try {
      return new ServerCertificates(builder.build(), chain.get(0));
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsFileException(tls.certFile(), "cannot be used with " + tls.keyFile() + ": " + e.getMessage(), e);
    }
  }

  /** The subject and the validity end of the server certificate, with a warning when it is out of date. */
  public String describe(Instant now) {
    String validity = now.isAfter(leaf.getNotAfter().toInstant())
        ? "EXPIRED on " + leaf.getNotAfter().toInstant() + ": clients will refuse it"
        : now.isBefore(leaf.getNotBefore().toInstant())
            ? "NOT VALID before " + leaf.getNotBefore().toInstant() + ": clients will refuse it"
            : "valid until " + leaf.getNotAfter().toInstant();
    return leaf.getSubjectX500Principal().getName() + ", " + validity;
  }

  private static ClientAuth clientAuth(TlsClientAuth mode) {
    return switch (mode) {
      case NONE -> ClientAuth.NONE;
      case OPTIONAL -> ClientAuth.OPTIONAL;
      case REQUIRE -> ClientAuth.REQUIRE;
    };
  }
}
