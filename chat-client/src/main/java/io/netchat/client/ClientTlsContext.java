package io.netchat.client;

import io.netchat.codec.tls.PemFiles;
import io.netchat.codec.tls.TlsFileException;
import io.netchat.codec.tls.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link SslContext}, built once per client from its {@link ClientTls} (the PEM files
 * are read then, on the caller's thread), and the {@link SslHandler} of each connection: TLS 1.3
 * or 1.2, SNI with the host name, and host-name verification unless insecure.
 */
final class ClientTlsContext {
  private static final Logger log = LoggerFactory.getLogger(ClientTlsContext.class);

  private final SslContext context;
  private final boolean insecure;

  private ClientTlsContext(SslContext context, boolean insecure) {
    this.context = context;
    this.insecure = insecure;
  }

  /** The context for {@code tls}; an unreadable file fails with an {@link IllegalArgumentException} naming it. */
  static ClientTlsContext of(ClientTls tls) {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(TlsProvider.choose())
        .protocols(TlsProvider.PROTOCOLS);
    try {
      if (tls.insecure()) {
        builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
      } else if (tls.ca() != null) {
        builder.trustManager(PemFiles.certificates(tls.ca()).toArray(X509Certificate[]::new));
      }
      if (tls.cert() != null) {
        List<X509Certificate> chain = PemFiles.certificates(tls.cert());
        PrivateKey key = PemFiles.privateKey(tls.key());
        PemFiles.requireMatch(key, tls.key(), chain.get(0), tls.cert());
        builder.keyManager(key, chain.toArray(X509Certificate[]::new));
      }
      log.debug("TLS provider: {}", TlsProvider.describe());
      return new ClientTlsContext(builder.build(), tls.insecure());
    } catch (TlsFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** A handler for one connection to {@code host}; it gives up on a handshake slower than {@code timeoutMillis}. */
  SslHandler newHandler(ByteBufAllocator alloc, String host, int port, long timeoutMillis) {
    SslHandler handler = context.newHandler(alloc, host, port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(insecure ? null : "HTTPS");
    engine.setSSLParameters(parameters);
    handler.setHandshakeTimeoutMillis(timeoutMillis);
    if (insecure) {
      log.warn("INSECURE: the certificate of {}:{} is not checked (--insecure): anyone on the path can read and"
          + " change this connection", host, port);
    }
    return handler;
  }
}
