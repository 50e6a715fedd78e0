package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.tls.TlsProvider;
import io.netchat.server.config.TlsClientAuth;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback where OpenSSL does not load: the JDK's TLS serves the same, handshakes and reloads
 * included, without blocking an event loop (BlockHound watches these tests as all others).
 */
class JdkTlsProviderTest {
  @TempDir
  Path dir;

  private ChatServer server;

  @BeforeEach
  void forceJdk() {
    System.setProperty(TlsProvider.PROPERTY, "jdk");
  }

  @AfterEach
  void stop() {
    System.clearProperty(TlsProvider.PROPERTY);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theJdkProviderServesChatsAndReloadsWithClientCertificates() throws Exception {
    assertThat(TlsProvider.choose()).isEqualTo(SslProvider.JDK);
    TlsFixture tls = new TlsFixture(dir);
    server = ChatServer.start(TestServers.config(tls.listener(TlsClientAuth.OPTIONAL)));
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient ann = tls.login(address, "ann", tls.ca.client("ann")); WireClient bob = tls.login(address, "bob", null)) {
      ann.send(new ClientMessage.Join(null, "lobby", null));
      ann.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "lobby", null));
      bob.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Say(null, "lobby", "via the JDK"));
      assertThat(ann.expect(ServerMessage.Message.class).text()).isEqualTo("via the JDK");

      tls.ca.server("renewed").writeTo(dir, "server");
      assertThat(server.reloadCertificates()).isEqualTo(1);
      try (SSLSocket fresh = TlsFixture.connect(address, tls.ca.certificate(), null)) {
        assertThat(TlsFixture.subjects(fresh)).containsExactly("CN=renewed");
      }
      ann.send(new ClientMessage.Say(null, "lobby", "still here"));
      assertThat(bob.expect(ServerMessage.Message.class, m -> m.text().equals("still here")).from()).isEqualTo("ann");
    }
  }
}
