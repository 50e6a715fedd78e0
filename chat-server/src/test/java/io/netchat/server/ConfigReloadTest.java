package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.ConfigLoader;
import io.netchat.server.config.DaemonConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload applies the live settings to open connections, names the rest, and a bad file changes nothing. */
class ConfigReloadTest {
  private static final String LISTENER = "listeners:\n  - {host: 127.0.0.1, port: 0}\n";

  @TempDir
  Path dir;

  private ChatServer server;
  private final List<String> levels = new ArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ConfigReload start(String yaml) throws Exception {
    Path file = write(yaml);
    ConfigLoader loader = new ConfigLoader(CodecRegistry.load());
    DaemonConfig started = loader.load(file);
    server = ChatServer.start(started.server());
    return new ConfigReload(() -> loader.load(file), started, server, d -> levels.add(d.logging().level()));
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("server.yaml"), yaml);
  }

  @Test
  void aNewLimitAppliesToAnOpenConnectionAndRestartOnlyKeysAreNamed() throws Exception {
    ConfigReload reload = start(LISTENER + "limits:\n  max_rooms_per_session: 3\n");
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient ann = WireClient.login(address, "ann")) {
      for (String room : List.of("one", "two")) {
        ann.send(new ClientMessage.Join(null, room, null));
        ann.expect(ServerMessage.Joined.class);
      }

      write("listeners:\n  - {host: 127.0.0.1, port: 0, framing: line}\n"
          + "limits:\n  max_rooms_per_session: 2\n  max_members_per_room: 7\n"
          + "logging:\n  level: warn\nadmin: {port: 0}\n");
      ConfigReload.Outcome outcome = reload.reload();

      assertThat(outcome.applied()).containsExactly("limits.max_rooms_per_session", "logging.level");
      assertThat(outcome.needRestart()).containsExactly("listeners", "limits.max_members_per_room", "admin");
      assertThat(levels).containsExactly("warn");
      assertThat(server.config().limits().maxRoomsPerSession()).isEqualTo(2);
      assertThat(server.config().limits().maxMembersPerRoom()).isEqualTo(1_000);

      ann.send(new ClientMessage.Join("j3", "three", null));
      assertThat(ann.next()).isEqualTo(new ServerMessage.Error("j3", ErrorCode.LIMIT_REACHED,
          "a session may be in at most 2 rooms"));
      ann.send(new ClientMessage.Say("s", "one", "still here"));
      ann.expect(ServerMessage.Message.class);
    }
  }

  @Test
  void aLoweredConnectionLimitRefusesTheNextConnectionAndKeepsTheOpenOne() throws Exception {
    ConfigReload reload = start(LISTENER);
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient first = WireClient.login(address, "first")) {
      write(LISTENER + "limits:\n  max_connections_per_ip: 1\n");
      assertThat(reload.reload().applied()).containsExactly("limits.max_connections_per_ip");
      try (WireClient second = WireClient.connect(address)) {
        assertThat(second.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
      }
      first.send(new ClientMessage.Ping("p"));
      assertThat(first.next()).isEqualTo(new ServerMessage.Pong("p"));
    }
  }

  @Test
  void aBadFileChangesNothing() throws Exception {
    ConfigReload reload = start(LISTENER + "limits:\n  max_rooms_per_session: 3\n");
    write(LISTENER + "limits:\n  max_rooms_per_session: 0\n");
    assertThatThrownBy(reload::reload).isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.max_rooms_per_session");
    assertThat(server.config().limits().maxRoomsPerSession()).isEqualTo(3);
    assertThat(levels).isEmpty();
  }

  @Test
  void anUnchangedFileAppliesNothing() throws Exception {
    ConfigReload reload = start(LISTENER);
    assertThat(reload.reload()).isEqualTo(new ConfigReload.Outcome(List.of(), List.of()));
  }

  @Test
  void aReloadReReadsTheCertificateOfATlsListenerEvenWhenTheFileIsUnchanged() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    ConfigReload reload = start("listeners:\n  - {host: 127.0.0.1, port: 0, tls: {cert: '" + tls.server.cert()
        + "', key: '" + tls.server.key() + "'}}\n");
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient open = tls.login(address, "open", null)) {
      tls.ca.server("renewed").writeTo(dir, "server");

      assertThat(reload.reload()).isEqualTo(new ConfigReload.Outcome(List.of(), List.of()));

      try (javax.net.ssl.SSLSocket fresh = TlsFixture.connect(address, tls.ca.certificate(), null)) {
        assertThat(TlsFixture.subjects(fresh)).containsExactly("CN=renewed");
      }
      open.send(new ClientMessage.Ping("p"));
      assertThat(open.next()).isEqualTo(new ServerMessage.Pong("p"));
    }
  }
}
