package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.TlsClientAuth;
import io.netchat.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS listener over real loopback sockets, against the JDK's own TLS client. */
class TlsListenerTest {
  @TempDir
  java.nio.file.Path dir;

  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(io.netchat.server.config.ListenerConfig... listeners) {
    server = ChatServer.start(TestServers.config(listeners));
    return server.addresses().get(0);
  }

  @Test
  void aTlsClientChatsOverTls13Or12WithTheServersCertificate() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener());
    try (WireClient ann = tls.login(address, "ann", null); WireClient bob = tls.login(address, "bob", null)) {
      ann.send(new ClientMessage.Join(null, "lobby", null));
      ann.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "lobby", null));
      bob.expect(ServerMessage.Joined.class);
      ann.send(new ClientMessage.Say(null, "lobby", "over tls"));
      assertThat(bob.expect(ServerMessage.Message.class).text()).isEqualTo("over tls");
    }
    try (SSLSocket socket = TlsFixture.connect(address, tls.ca.certificate(), null)) {
      assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      assertThat(TlsFixture.subjects(socket)).containsExactly("CN=netchat test server");
    }
  }

  @Test
  void aServerCertificateIssuedByAnIntermediateIsSentWithItsChain() throws Exception {
    TestPki root = TestPki.newCa("root CA");
    TestPki.PemPair files = root.intermediate("intermediate CA").server("chained server").writeTo(dir, "chained");
    InetSocketAddress address = start(TestServers.loopback("length", "json")
        .withTls(io.netchat.server.config.TlsConfig.of(files.cert().toString(), files.key().toString())));
    try (SSLSocket socket = TlsFixture.connect(address, root.certificate(), null)) {
      assertThat(TlsFixture.subjects(socket)).containsExactly("CN=chained server", "CN=intermediate CA");
    }
  }

  @Test
  void aTls12OnlyClientIsServed() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener());
    try (SSLSocket socket = (SSLSocket) TlsFixture.context(tls.ca.certificate(), null).getSocketFactory()
        .createSocket(address.getAddress(), address.getPort())) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void aReloadKeepsOpenConnectionsAndNewHandshakesSeeTheNewCertificate() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener());
    try (WireClient ann = tls.login(address, "ann", null)) {
      ann.send(new ClientMessage.Join(null, "lobby", null));
      ann.expect(ServerMessage.Joined.class);

      tls.ca.server("renewed server").writeTo(dir, "server");
      assertThat(server.reloadCertificates()).isEqualTo(1);

      try (SSLSocket fresh = TlsFixture.connect(address, tls.ca.certificate(), null)) {
        assertThat(TlsFixture.subjects(fresh)).containsExactly("CN=renewed server");
      }
      ann.send(new ClientMessage.Say(null, "lobby", "still here"));
      assertThat(ann.expect(ServerMessage.Message.class).text()).isEqualTo("still here");
      assertThat(server.connectionCount()).isEqualTo(1);
    }
  }

  @Test
  void aBadNewCertificateIsRefusedAndTheOldOneStays() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener());
    // The new certificate without its key: the key on disk belongs to the old one.
    Files.copy(tls.ca.server("renewed server").writeTo(dir, "renewed").cert(), tls.server.cert(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(server.reloadCertificates()).isZero();

    try (SSLSocket fresh = TlsFixture.connect(address, tls.ca.certificate(), null)) {
      assertThat(TlsFixture.subjects(fresh)).containsExactly("CN=netchat test server");
    }
  }

  @Test
  void requiredClientCertificatesAdmitOnlyClientsOfTheCa() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener(TlsClientAuth.REQUIRE));
    try (WireClient ann = tls.login(address, "ann", tls.ca.client("ann"))) {
      assertThat(ann.seen()).hasSize(1);
    }
    assertRefused(address, tls, null);
    assertRefused(address, tls, TestPki.newCa("someone else's CA").client("mallory"));
  }

  @Test
  void optionalClientCertificatesAdmitClientsWithoutOneButNotWithABadOne() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener(TlsClientAuth.OPTIONAL));
    try (WireClient ann = tls.login(address, "ann", tls.ca.client("ann"));
        WireClient bob = tls.login(address, "bob", null)) {
      assertThat(bob.seen()).hasSize(1);
      try (SSLSocket socket = TlsFixture.connect(address, tls.ca.certificate(), tls.ca.client("carol"))) {
        assertThat(socket.getSession().getLocalCertificates()).hasSize(1);
      }
    }
    assertRefused(address, tls, TestPki.newCa("someone else's CA").client("mallory"));
  }

  /** The server refuses the handshake (TLS 1.3 may report it on the first read rather than in the handshake). */
  private static void assertRefused(InetSocketAddress address, TlsFixture tls, TestPki.Issued clientCert) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> {
      try (SSLSocket socket = TlsFixture.connect(address, tls.ca.certificate(), clientCert)) {
        WireClient client = new WireClient(socket, "length", "json");
        client.send(new ClientMessage.Hello(null, "intruder"));
        client.next();
      }
    }).isInstanceOf(IOException.class).isNotInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
  }

  @Test
  void aPlaintextClientOnATlsPortIsClosedAtOnce() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls.listener());
    try (WireClient plain = WireClient.connect(address)) {
      plain.send(new ClientMessage.Hello(null, "ann"));
      assertThat(plain.closedByServer()).as("closed, not left hanging").isTrue();
    }
  }

  @Test
  void aTlsClientOnAPlaintextPortFailsTheHandshakeAtOnce() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(TestServers.loopback("length", "json"));
    long started = System.nanoTime();
    assertThatThrownBy(() -> TlsFixture.connect(address, tls.ca.certificate(), null).close())
        .isInstanceOf(SSLException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
    org.awaitility.Awaitility.await().until(() -> server.connectionCount() == 0);
  }

  @Test
  void aClientThatConnectsAndSaysNothingIsClosedByTheHelloDeadline() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    server = ChatServer.start(TestServers.config(tls.listener())
        .withTimeouts(io.netchat.server.config.TimeoutsConfig.defaults().withHello(Duration.ofMillis(500))));
    try (Socket silent = new Socket()) {
      silent.connect(server.addresses().get(0), 5000);
      silent.setSoTimeout(10_000);
      InputStream in = silent.getInputStream();
      long started = System.nanoTime();
      while (in.read() >= 0) {
        // a TLS alert may come before the end of the stream
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
    }
    org.awaitility.Awaitility.await().until(() -> server.connectionCount() == 0);
  }

  @Test
  void anUnreadableOrMismatchedCertificateStopsStartUpNamingTheFile() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    TestPki.PemPair other = tls.ca.server("other").writeTo(dir, "other");
    var mismatched = TestServers.loopback("length", "json").withTls(
        io.netchat.server.config.TlsConfig.of(tls.server.cert().toString(), other.key().toString()));
    assertThatThrownBy(() -> ChatServer.start(TestServers.config(mismatched)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners[0].tls.key")
        .hasMessageContaining(other.key().toString())
        .hasMessageContaining("does not belong to the certificate");
    var missing = TestServers.loopback("length", "json").withTls(
        io.netchat.server.config.TlsConfig.of(dir.resolve("nope.crt").toString(), other.key().toString()));
    assertThatThrownBy(() -> ChatServer.start(TestServers.config(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners[0].tls.cert")
        .hasMessageContaining("nope.crt")
        .hasMessageContaining("no such file");
  }

  @Test
  void listenersWithAndWithoutTlsServeSideBySide() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    start(tls.listener(), TestServers.loopback("length", "json"));
    List<InetSocketAddress> addresses = server.addresses();
    try (WireClient secure = tls.login(addresses.get(0), "ann", null);
        WireClient plain = WireClient.login(addresses.get(1), "bob")) {
      assertThat(secure.seen()).hasSize(1);
      assertThat(plain.seen()).hasSize(1);
    }
  }
}
