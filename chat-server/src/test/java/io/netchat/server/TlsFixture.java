package io.netchat.server;

import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.TlsClientAuth;
import io.netchat.server.config.TlsConfig;
import io.netchat.testkit.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests (a test CA issuing server and client certificates into a directory)
 * and a plain JDK TLS client socket: "a client we did not write", verifying the host name.
 */
final class TlsFixture {
  final Path dir;
  final TestPki ca = TestPki.newCa("netchat test CA");
  final TestPki.PemPair server;
  final Path caFile;

  TlsFixture(Path dir) {
    this.dir = dir;
    this.server = ca.server("netchat test server").writeTo(dir, "server");
    this.caFile = ca.writeCa(dir, "ca");
  }

  ListenerConfig listener() {
    return listener(TlsClientAuth.NONE);
  }

  ListenerConfig listener(TlsClientAuth clientAuth) {
    return TestServers.loopback("length", "json").withTls(new TlsConfig(server.cert().toString(),
        server.key().toString(), clientAuth, clientAuth == TlsClientAuth.NONE ? null : caFile.toString()));
  }

  /** A handshaken TLS socket trusting {@code trusted}, presenting {@code clientCert} unless null. */
  static SSLSocket connect(InetSocketAddress address, X509Certificate trusted, TestPki.Issued clientCert)
      throws IOException, GeneralSecurityException {
    SSLSocket socket = (SSLSocket) context(trusted, clientCert).getSocketFactory().createSocket();
    socket.connect(address, 5000);
    socket.setSoTimeout(10_000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** A logged-in wire client over TLS. */
  WireClient login(InetSocketAddress address, String nick, TestPki.Issued clientCert) throws Exception {
    WireClient client = new WireClient(connect(address, ca.certificate(), clientCert), "length", "json");
    client.send(new io.netchat.codec.ClientMessage.Hello(null, nick));
    client.expect(io.netchat.codec.ServerMessage.Welcome.class);
    return client;
  }

  static SSLContext context(X509Certificate trusted, TestPki.Issued clientCert) throws GeneralSecurityException,
      IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", trusted);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientCert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("me", clientCert.keys().getPrivate(), new char[0],
          clientCert.chain().toArray(X509Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : new KeyManager[] {new Insistent((X509ExtendedKeyManager) kmf.getKeyManagers()[0])},
        tmf.getTrustManagers(), null);
    return context;
  }

  /** Presents its certificate whichever CAs the server names: a client the server must check itself. */
  private static final class Insistent extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    Insistent(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "me";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "me";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"me"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }

  static List<String> subjects(SSLSocket socket) throws IOException {
    return java.util.Arrays.stream(socket.getSession().getPeerCertificates())
        .map(c -> ((X509Certificate) c).getSubjectX500Principal().getName()).toList();
  }
}
