package io.netchat.server.tls;

import io.netchat.codec.tls.TlsFileException;
import io.netchat.server.config.TlsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of one listener: its current certificates in one swappable holder. Each accepted
 * connection takes an {@link SslHandler} from the certificates current at that moment; a reload
 * swaps them for the handshakes that follow, and a connection already open keeps its session.
 */
public final class ListenerTls {
  private static final Logger log = LoggerFactory.getLogger(ListenerTls.class);

  private final String listener;
  private final TlsConfig config;
  private final Clock clock;
  private volatile ServerCertificates current;

  private ListenerTls(String listener, TlsConfig config, Clock clock, ServerCertificates current) {
    this.listener = listener;
    this.config = config;
    this.clock = clock;
    this.current = current;
  }

  /** Reads the files of {@code config} (start-up thread); throws {@link TlsFileException} naming a bad one. */
  public static ListenerTls load(String listener, TlsConfig config, Clock clock) {
    ListenerTls tls = new ListenerTls(listener, config, clock, ServerCertificates.load(config));
    log.info("TLS on {}: certificate {} (client certificates: {})", listener, tls.current.describe(clock.instant()),
        config.clientAuth().name().toLowerCase(Locale.ROOT));
    return tls;
  }

  /** A handler for a new connection, with the certificates current now; any thread. */
  public SslHandler newHandler(ByteBufAllocator alloc, long handshakeTimeoutMillis) {
    SslHandler handler = current.context().newHandler(alloc);
    handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
    return handler;
  }

  /**
   * Re-reads the files (a reload thread, never an event loop). New handshakes use the new
   * certificate; a file that fails is logged and the current certificate stays.
   *
   * @return whether the new certificate is in use
   */
  public boolean reload() {
    try {
      ServerCertificates loaded = ServerCertificates.load(config);
      current = loaded;
      log.info("TLS on {}: certificate reloaded: {}", listener, loaded.describe(clock.instant()));
      return true;
    } catch (TlsFileException e) {
      log.error("TLS on {}: new certificate refused, the running one stays: {}", listener, e.getMessage());
      return false;
    }
  }

  /** The server certificate new handshakes use now. */
  public X509Certificate certificate() {
    return current.leaf();
  }
}
