package io.netchat.client;

import java.nio.file.Path;

/**
 * TLS for a {@link ClientConfig}: whom to trust and which certificate (if any) to present. The
 * server's certificate is checked against {@code ca} (or the JDK's trust store) and against the
 * host name connected to, unless {@code insecure} turns every check off.
 *
 * @param ca PEM certificates to trust instead of the JDK's trust store, or {@code null}
 * @param cert the client's PEM certificate chain for servers that ask for one, or {@code null}
 * @param key the PKCS#8 PEM private key of {@code cert}, or {@code null}
 * @param insecure trust any certificate for any host: encryption without authentication, for
 *     tests against a throw-away certificate only (a warning is logged on every connect)
 */
public record ClientTls(Path ca, Path cert, Path key, boolean insecure) {

  /** Checks that a certificate comes with its key and that {@code insecure} is not mixed with a CA. */
  public ClientTls {
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("a client certificate needs both --cert and --key");
    }
    if (insecure && ca != null) {
      throw new IllegalArgumentException("--insecure checks no certificate, so --ca would be ignored: use one of them");
    }
  }

  /** TLS with the JDK's trust store and host-name verification, no client certificate. */
  public static ClientTls defaults() {
    return new ClientTls(null, null, null, false);
  }

  /**
   * Reads the files now and fails with an {@link IllegalArgumentException} naming a file that cannot
   * be used (unreadable, not PEM, a key that is not the certificate's): what {@code ChatClient.create}
   * would throw, for a command line to report before it starts.
   */
  public ClientTls verified() {
    ClientTlsContext.of(this);
    return this;
  }

  /** Trusts the certificates of {@code caFile} (PEM) instead of the JDK's trust store. */
  public ClientTls withCa(Path caFile) {
    return new ClientTls(caFile, cert, key, insecure);
  }

  /** Presents {@code certFile} (PEM chain) with {@code keyFile} (PKCS#8 PEM) when the server asks. */
  public ClientTls withClientCertificate(Path certFile, Path keyFile) {
    return new ClientTls(ca, certFile, keyFile, insecure);
  }

  /** Checks nothing about the server's certificate (see {@link #insecure()}). */
  public ClientTls withInsecure(boolean trustAnything) {
    return new ClientTls(ca, cert, key, trustAnything);
  }
}
