package io.netchat.server.config;

/** Whether a TLS listener asks clients for a certificate ({@code tls.client_auth}). */
public enum TlsClientAuth {
  /** No client certificate is asked for. */
  NONE,
  /** A client may present a certificate; if it does, it must chain to {@code tls.ca}. */
  OPTIONAL,
  /** Every client must present a certificate that chains to {@code tls.ca}. */
  REQUIRE
}
