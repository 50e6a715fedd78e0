package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.server.config.TlsClientAuth;
import io.netchat.server.config.TlsConfig;
import io.netchat.testkit.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client library over TLS against the real server on loopback: a verified handshake, client
 * certificates, and each way a TLS connection can go wrong failing fast with a message a person
 * understands.
 */
class ClientTlsTest {
  /** Fast, whatever the machine's load: well below the 5 s connect and 10 s request timeouts. */
  private static final Duration FAST = Duration.ofSeconds(4);

  @TempDir
  Path dir;

  private final TestPki ca = TestPki.newCa("client test CA");
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private TestServer tlsServer(TestPki.Issued certificate, TlsClientAuth clientAuth) {
    TestPki.PemPair files = certificate.writeTo(dir, "server");
    TlsConfig tls = new TlsConfig(files.cert().toString(), files.key().toString(), clientAuth,
        clientAuth == TlsClientAuth.NONE ? null : ca.writeCa(dir, "ca").toString());
    TestServer server = TestServer.start(c -> c.withListeners(List.of(c.listeners().get(0).withTls(tls))));
    open.add(server);
    return server;
  }

  private ChatClient client(TestServer server, String nick, ClientTls tls) {
    ChatClient client = ChatClient.create(ClientConfig.defaults().withAddress("127.0.0.1", server.port())
        .withNick(nick).withTls(tls), new RecordingListener());
    open.add(client);
    return client;
  }

  private ClientTls trustingTheCa() {
    return ClientTls.defaults().withCa(ca.writeCa(dir, "ca"));
  }

  @Test
  void theClientChatsOverAVerifiedTlsConnection() throws Exception {
    TestServer server = tlsServer(ca.server("server"), TlsClientAuth.NONE);
    ChatClient ann = client(server, "ann", trustingTheCa());
    ann.connect().get(10, TimeUnit.SECONDS);
    ann.join("lobby").get(10, TimeUnit.SECONDS);
    assertThat(ann.say("lobby", "encrypted").get(10, TimeUnit.SECONDS)).isPositive();
  }

  @Test
  void aClientCertificateAdmitsTheClientWhereOneIsRequired() throws Exception {
    TestServer server = tlsServer(ca.server("server"), TlsClientAuth.REQUIRE);
    TestPki.PemPair mine = ca.client("ann").writeTo(dir, "ann");
    ChatClient ann = client(server, "ann", trustingTheCa().withClientCertificate(mine.cert(), mine.key()));
    assertThat(ann.connect().get(10, TimeUnit.SECONDS).nick()).isEqualTo("ann");
  }

  @Test
  void withoutAClientCertificateARequiringServerRefusesFast() {
    TestServer server = tlsServer(ca.server("server"), TlsClientAuth.REQUIRE);
    assertFailsFast(client(server, "bob", trustingTheCa()), "TLS handshake failed: 127.0.0.1:" + server.port()
        + " refused the connection");
  }

  @Test
  void anExpiredServerCertificateIsRefusedByTheClient() {
    TestServer server = tlsServer(ca.server("server", List.of("127.0.0.1"), Instant.now().minus(Duration.ofDays(3)),
        Instant.now().minus(Duration.ofDays(1))), TlsClientAuth.NONE);
    assertFailsFast(client(server, "ann", trustingTheCa()),
        "TLS handshake with 127.0.0.1:" + server.port() + " failed: the server's certificate has expired");
  }

  @Test
  void aCertificateForAnotherHostIsRefusedByTheClient() {
    TestServer server = tlsServer(ca.server("server", List.of("chat.example.org"), Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1))), TlsClientAuth.NONE);
    assertFailsFast(client(server, "ann", trustingTheCa()),
        "failed: the server's certificate is not valid for host 127.0.0.1");
  }

  @Test
  void aCertificateOfAnUnknownCaIsRefusedWithTheJdkTrustStore() {
    TestServer server = tlsServer(ca.server("server"), TlsClientAuth.NONE);
    assertFailsFast(client(server, "ann", ClientTls.defaults()), "the server's certificate is not trusted");
  }

  @Test
  void insecureAcceptsAnyCertificateForAnyHost() throws Exception {
    TestServer server = tlsServer(ca.server("server", List.of("chat.example.org"), Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1))), TlsClientAuth.NONE);
    ChatClient ann = client(server, "ann", ClientTls.defaults().withInsecure(true));
    assertThat(ann.connect().get(10, TimeUnit.SECONDS).nick()).isEqualTo("ann");
  }

  @Test
  void aTlsClientOnAPlaintextServerIsToldItIsNotATlsServer() {
    TestServer server = TestServer.start();
    open.add(server);
    assertFailsFast(client(server, "ann", trustingTheCa()), "not a TLS server: 127.0.0.1:" + server.port());
  }

  @Test
  void aPlaintextClientOnATlsServerFailsFast() {
    TestServer server = tlsServer(ca.server("server"), TlsClientAuth.NONE);
    assertFailsFast(client(server, "ann", null), "closed the connection without a word (a TLS listener does that");
  }

  @Test
  void unusableFilesAreRefusedBeforeConnectingNamingTheFile() {
    Path missing = dir.resolve("missing-ca.crt");
    ClientConfig config = ClientConfig.defaults().withTls(ClientTls.defaults().withCa(missing));
    assertThatThrownBy(() -> ChatClient.create(config, new RecordingListener()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing + ": no such file");
    assertThatThrownBy(() -> ClientTls.defaults().withClientCertificate(missing, null))
        .hasMessageContaining("--cert and --key");
  }

  private static void assertFailsFast(ChatClient client, String message) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client.connect().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ChatConnectionException.class).hasMessageContaining(message);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
  }
}
