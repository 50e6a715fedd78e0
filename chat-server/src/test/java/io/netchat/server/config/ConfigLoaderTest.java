package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Durations;
import io.netchat.codec.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(CodecRegistry.load());

  @Test
  void anEmptyDocumentIsTheEmbeddedDefaults() {
    assertThat(loader.parse("")).isEqualTo(DaemonConfig.defaults());
    assertThat(loader.parse("# only a comment\n")).isEqualTo(DaemonConfig.defaults());
  }

  @Test
  void anEmptySectionKeepsItsDefaults() {
    DaemonConfig config = loader.parse("limits:\ntimeouts:\nlogging:\n");

    assertThat(config).isEqualTo(DaemonConfig.defaults());
  }

  @Test
  void theShippedServerYamlStatesTheDefaultsAndThreeLocalListeners() {
    DaemonConfig shipped = loader.load(Path.of("..", "config", "server.yaml"));

    assertThat(shipped.server().listeners()).containsExactly(
        new ListenerConfig("127.0.0.1", 7777, "length", "json"),
        new ListenerConfig("127.0.0.1", 7778, "line", "json"),
        new ListenerConfig("127.0.0.1", 6667, "irc", "irc"));
    assertThat(shipped.server().withListeners(ServerConfig.defaults().listeners())).isEqualTo(ServerConfig.defaults());
    assertThat(shipped.logging()).isEqualTo(LoggingConfig.defaults());
  }

  @Test
  void everyKeyOverridesItsDefault() {
    DaemonConfig config = loader.parse("""
        server_name: chat.example
        listeners:
          - {host: "::", port: 9000, framing: length, codec: cbor}
          - {host: "[::1]", port: 9001, framing: line}
          - {port: 0}
        limits:
          max_frame_length: 1000
          max_text_length: 100
          max_rooms: 3
          max_members_per_room: 4
          max_rooms_per_session: 5
          max_connections: 6
          max_connections_per_ip: 7
          history_size: 8
          max_history_per_request: 9
          outbound_high_water_mark: 2000
          outbound_low_water_mark: 2000
          max_outbound_bytes: 5000000000
          messages_per_second: 10
          burst: 11
          flood_disconnect_after: 12
        timeouts: {hello: 500ms, idle: 2m, pong: 1h, shutdown_grace: 1d}
        transport: nio
        io_threads: 2
        empty_room_retention: 0s
        logging: {level: debug}
        """);

    ServerConfig server = config.server();
    assertThat(server.serverName()).isEqualTo("chat.example");
    assertThat(server.listeners()).containsExactly(
        new ListenerConfig("::", 9000, "length", "cbor"),
        new ListenerConfig("::1", 9001, "line", "json"),
        new ListenerConfig("127.0.0.1", 0, "length", "json"));
    assertThat(server.limits()).isEqualTo(LimitsConfig.builder()
        .maxFrameLength(1000).maxTextLength(100).maxRooms(3).maxMembersPerRoom(4).maxRoomsPerSession(5)
        .maxConnections(6).maxConnectionsPerIp(7).historySize(8).maxHistoryPerRequest(9)
        .outboundHighWaterMark(2000).outboundLowWaterMark(2000).maxOutboundBytes(5_000_000_000L)
        .messagesPerSecond(10).burst(11).floodDisconnectAfter(12).build());
    assertThat(server.timeouts()).isEqualTo(TimeoutsConfig.defaults().withHello(Duration.ofMillis(500))
        .withIdle(Duration.ofMinutes(2)).withPong(Duration.ofHours(1)).withShutdownGrace(Duration.ofDays(1)));
    assertThat(server.transport()).isEqualTo(Transport.NIO);
    assertThat(server.ioThreads()).isEqualTo(2);
    assertThat(server.emptyRoomRetention()).isZero();
    assertThat(config.logging().level()).isEqualTo("debug");
  }

  @Test
  void aListenerMayHaveTlsWithClientCertificates() {
    DaemonConfig config = loader.parse("listeners:\n"
        + "  - {port: 7443, tls: {cert: /etc/netchat/server.crt, key: /etc/netchat/server.key}}\n"
        + "  - port: 7444\n    tls: {cert: s.crt, key: s.key, client_auth: optional, ca: clients.crt}\n"
        + "  - port: 7777\n");

    assertThat(config.server().listeners()).extracting(ListenerConfig::tls).containsExactly(
        TlsConfig.of("/etc/netchat/server.crt", "/etc/netchat/server.key"),
        new TlsConfig("s.crt", "s.key", TlsClientAuth.OPTIONAL, "clients.crt"),
        null);
  }

  @Test
  void twoEphemeralListenersOnOneHostAreNotDuplicates() {
    DaemonConfig config = loader.parse("listeners: [{port: 0}, {port: 0, framing: line}]");

    assertThat(config.server().listeners()).hasSize(2);
  }

  @Test
  void aMissingFileIsAConfigErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> loader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("no such file");
  }

  @Test
  void aFileErrorNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), "timeouts:\n  idle: forever\n");

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("timeouts.idle"))
        .hasMessage(file + ": timeouts.idle = \"forever\": expected a positive duration, " + Durations.FORM);
  }

  @Test
  void adminsAreAccountNamesCaseFolded() {
    ServerConfig config = loader.parse("admins: [Root, ada]").server();
    assertThat(config.admins()).containsExactly("root", "ada");
    assertThat(config.isAdmin("ROOT")).isTrue();
    assertThat(config.isAdmin(null)).as("a guest").isFalse();
    assertThatThrownBy(() -> loader.parse("admins: [\"not a name\"]")).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.key()).isEqualTo("admins"));
  }

  @Test
  void onlyRegisteredCodecsAreAccepted() {
    ConfigLoader jsonOnly = new ConfigLoader(CodecRegistry.of(List.of(CodecRegistry.load().get("json"))));

    assertThatThrownBy(() -> jsonOnly.parse("listeners: [{codec: cbor}]"))
        .hasMessage("listeners[0].codec = \"cbor\": expected one of json");
  }
}
