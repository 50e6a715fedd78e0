package io.netchat.server.config;

import java.nio.file.Path;

/**
 * TLS on one listener ({@code listeners[i].tls}). The files are PEM and are read when the server
 * starts, by {@code --check-config}, and again on every SIGHUP (new handshakes use what was read;
 * a bad new file is refused and the old certificate stays). Relative paths are resolved against
 * the daemon's working directory.
 *
 * @param cert the server's certificate, followed by its intermediate certificates (a chain)
 * @param key the certificate's private key, unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----})
 * @param clientAuth whether clients must ({@code require}), may ({@code optional}) or are not asked
 *     to ({@code none}, the default) present a certificate
 * @param ca the certificates that client certificates must chain to; required with
 *     {@code client_auth} {@code optional} or {@code require}, refused with {@code none}
 */
public record TlsConfig(String cert, String key, TlsClientAuth clientAuth, String ca) {

  /**
   * Checks that {@code ca} goes with {@code client_auth}. That {@code cert} and {@code key} are named
   * is checked by the listener that holds this section ({@link #requireFiles()}), so that the section
   * has {@link #defaults()} like every other.
   */
  public TlsConfig {
    cert = cert == null ? null : cert.trim();
    key = key == null ? null : key.trim();
    clientAuth = clientAuth == null ? TlsClientAuth.NONE : clientAuth;
    if (clientAuth != TlsClientAuth.NONE) {
      ca = Check.nonBlank("ca", ca);
    } else if (ca != null) {
      throw new ConfigException("ca", ca, "a ca file checks client certificates: set client_auth to optional"
          + " or require, or remove ca");
    }
  }

  /** No files yet, no client certificates asked for: what a left-out key takes. */
  public static TlsConfig defaults() {
    return new TlsConfig(null, null, TlsClientAuth.NONE, null);
  }

  /** This section as a listener uses it: {@code cert} and {@code key} must be named. */
  TlsConfig requireFiles() {
    Check.nonBlank("cert", cert);
    Check.nonBlank("key", key);
    return this;
  }

  /** A listener certificate and key, no client certificates asked for. */
  public static TlsConfig of(String cert, String key) {
    return new TlsConfig(cert, key, TlsClientAuth.NONE, null);
  }

  public Path certFile() {
    return Path.of(cert);
  }

  public Path keyFile() {
    return Path.of(key);
  }

  /** The {@code ca} file; only with {@code client_auth} other than {@code none}. */
  public Path caFile() {
    return Path.of(ca);
  }
}
