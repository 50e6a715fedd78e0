package io.netchat.server;

import static io.netchat.server.AdminHttp.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.config.AdminConfig;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.config.ServerConfig;
import java.net.InetSocketAddress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener scraped over HTTP while real clients chat on a real socket: every count the
 * scenario causes shows, exactly, in {@code /metrics}; health answers 200, and ready 503 once the
 * server shuts down or a readiness check fails.
 */
class MetricsEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ChatServer server;
  private AdminListener admin;
  private AdminHttp http;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private InetSocketAddress start(ServerConfig config, ReadinessCheckStub... checks) {
    server = ChatServer.start(config);
    admin = AdminListener.start(AdminConfig.defaults().withPort(0), server, List.of(checks));
    http = new AdminHttp(admin.address());
    return server.addresses().get(0);
  }

  private String listener() {
    return "127.0.0.1:" + server.addresses().get(0).getPort();
  }

  /**
   * The scripted scenario: two users join and chat, one quits, the other's connection drops; then
   * someone guesses two passwords and another presents a forged token.
   */
  @Test
  void countsMoveWithWhatClientsDo(@TempDir Path dir) throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback().withAuth(AuthConfig.defaults()
        .withPassword(AccountsLoopbackTest.CHEAP).withToken(TokenConfig.secret(TestTokens.secretFile(dir)))));
    String before = http.scrape();
    assertThat(value(before, "netchat_connections_open")).isZero();
    assertThat(value(before, "netchat_commands_total", "type", "say")).isZero();
    assertThat(value(before, "netchat_connections_accepted_total", "listener", listener(), "codec", "json")).isZero();

    try (WireClient alice = WireClient.login(address, "alice"); WireClient bob = WireClient.login(address, "bob")) {
      alice.send(new ClientMessage.Join(null, "lobby", null));
      alice.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "lobby", null));
      bob.expect(ServerMessage.Joined.class);
      alice.expect(ServerMessage.Presence.class);
      for (int i = 1; i <= 3; i++) {
        alice.send(new ClientMessage.Say("s" + i, "lobby", "hello " + i));
        alice.expect(ServerMessage.Ok.class);
        bob.expect(ServerMessage.Message.class);
      }
      alice.send(new ClientMessage.Say("x", "nowhere", "anyone?"));
      assertThat(alice.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.NOT_JOINED);

      // bob's join: 1 presence to alice; 3 says to both: 6
      await().atMost(WAIT).untilAsserted(() -> {
        String now = http.scrape();
        assertThat(value(now, "netchat_connections_open")).isEqualTo(2);
        assertThat(value(now, "netchat_connections_accepted_total", "listener", listener())).isEqualTo(2);
        assertThat(value(now, "netchat_sessions_logged_in")).isEqualTo(2);
        assertThat(value(now, "netchat_rooms")).isEqualTo(1);
        assertThat(value(now, "netchat_room_members")).isEqualTo(2);
        assertThat(value(now, "netchat_commands_total", "type", "hello")).isEqualTo(2);
        assertThat(value(now, "netchat_commands_total", "type", "join")).isEqualTo(2);
        assertThat(value(now, "netchat_commands_total", "type", "say")).isEqualTo(4);
        assertThat(value(now, "netchat_messages_accepted_total")).isEqualTo(3);
        assertThat(value(now, "netchat_deliveries_total")).isEqualTo(7);
        assertThat(value(now, "netchat_errors_sent_total", "code", "not_joined")).isEqualTo(1);
        assertThat(value(now, "netchat_read_bytes_total", "listener", listener())).isPositive();
        assertThat(value(now, "netchat_written_bytes_total", "listener", listener())).isPositive();
      });

      bob.send(new ClientMessage.Quit(null, "off to lunch"));
      bob.expect(ServerMessage.Bye.class);
      await().atMost(WAIT).untilAsserted(() -> {
        String now = http.scrape();
        assertThat(value(now, "netchat_connections_open")).isEqualTo(1);
        assertThat(value(now, "netchat_connections_closed_total", "reason", "quit")).isEqualTo(1);
        assertThat(value(now, "netchat_connections_closed_total", "reason", "other")).isZero();
        assertThat(value(now, "netchat_room_members")).isEqualTo(1);
        assertThat(value(now, "netchat_sessions_logged_in")).isEqualTo(1);
      });
    }
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(value(http.scrape(), "netchat_connections_closed_total", "reason", "connection_lost")).isEqualTo(1));
    assertThat(loginFailures(http.scrape())).as("the logins so far all succeeded").containsOnly(0L);

    try (WireClient guesser = WireClient.connect(address)) {
      for (String id : List.of("1", "2")) {
        guesser.send(AccountsLoopbackTest.hello(id, "alice", "guess " + id));
        assertThat(AccountsLoopbackTest.error(guesser, id).code()).isEqualTo("bad_credentials");
      }
    }
    String forged = TestTokens.hs256("a secret that is not the server's, long enough for HS256".getBytes(
        StandardCharsets.UTF_8), TestTokens.claims("alice", Instant.now().plusSeconds(3600), null));
    try (WireClient forger = WireClient.connect(address)) {
      forger.send(ClientMessage.Hello.withToken("t", forged, null, null));
      assertThat(AccountsLoopbackTest.error(forger, "t").code()).isEqualTo("bad_credentials");
      assertThat(forger.expect(ServerMessage.Bye.class).code()).isEqualTo("bad_credentials");
    }
    await().atMost(WAIT).untilAsserted(() -> {
      String now = http.scrape();
      assertThat(value(now, "netchat_logins_failed_total", "reason", "bad_credentials")).isEqualTo(2);
      assertThat(value(now, "netchat_logins_failed_total", "reason", "bad_token")).isEqualTo(1);
      assertThat(loginFailures(now)).as("every reason: two wrong passwords, one forged token")
          .containsExactly(2L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
      assertThat(value(now, "netchat_errors_sent_total", "code", "bad_credentials")).isEqualTo(3);
      assertThat(value(now, "netchat_connections_closed_total", "reason", "bad_credentials")).isEqualTo(1);
    });
  }

  /** {@code netchat_logins_failed_total} of every reason, in {@link ChatCounters.LoginFailure}'s order. */
  private static List<Long> loginFailures(String scrape) {
    return java.util.Arrays.stream(ChatCounters.LoginFailure.values())
        .map(reason -> (long) value(scrape, "netchat_logins_failed_total", "reason", reason.label())).toList();
  }

  /** A bad frame and a flood: one error each way, one flooding close, exactly. */
  @Test
  void aBadFrameAndAFloodAreCountedExactly() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 1, 1, 3, null)));
    try (WireClient bad = WireClient.connect(address)) {
      bad.sendRaw(framed("{not json"));
      assertThat(bad.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.BAD_JSON);
    }
    try (WireClient flood = WireClient.connect(address)) {
      // one write: hello takes the only token, two pings are refused, the third refusal cuts
      flood.sendRaw(framed("{\"type\":\"hello\",\"nick\":\"flood\"}", "{\"type\":\"ping\"}",
          "{\"type\":\"ping\"}", "{\"type\":\"ping\"}", "{\"type\":\"ping\"}", "{\"type\":\"ping\"}"));
      assertThat(flood.expect(ServerMessage.Bye.class).reason()).isEqualTo("flooding");
    }
    await().atMost(WAIT).untilAsserted(() -> {
      String now = http.scrape();
      assertThat(value(now, "netchat_errors_sent_total", "code", "bad_json")).isEqualTo(1);
      assertThat(value(now, "netchat_errors_sent_total", "code", "rate_limited")).isEqualTo(2);
      assertThat(value(now, "netchat_connections_closed_total", "reason", "flooding")).isEqualTo(1);
      assertThat(value(now, "netchat_connections_closed_total", "reason", "connection_lost")).isEqualTo(1);
      assertThat(value(now, "netchat_connections_open")).isZero();
    });
  }

  /** A reader that stops reading is cut as a slow consumer, counted once; the sender's messages all count. */
  @Test
  void aSlowReaderCutIsCountedOnce() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 100_000, 100_000, null, 256L * 1024)));
    int sent = SlowReaders.floodUntilCut(address);
    await().atMost(WAIT).untilAsserted(() -> {
      String now = http.scrape();
      assertThat(value(now, "netchat_connections_closed_total", "reason", "slow_consumer")).isEqualTo(1);
      assertThat(value(now, "netchat_messages_accepted_total")).isEqualTo(sent);
    });
  }

  private static byte[] framed(String... payloads) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String payload : payloads) {
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void refusedRoomCreationsAreCountedByTheLimitThatRefusedThem() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback().withLimits(io.netchat.server.config.LimitsConfig
        .defaults().toBuilder().maxRooms(1).roomCreationsPerMinute(1).roomCreationBurst(1).build()));
    try (WireClient ann = WireClient.login(address, "ann")) {
      ann.send(new ClientMessage.Join(null, "a", null));
      ann.expect(ServerMessage.Joined.class);
      ann.send(new ClientMessage.Join("b", "b", null));
      assertThat(ann.expect(ServerMessage.Error.class).message()).contains("limits.max_rooms");
      ann.send(new ClientMessage.Leave("l", "a"));
      ann.expect(ServerMessage.Left.class);
      await().atMost(WAIT).until(() -> server.roomCount() == 0);
      ann.send(new ClientMessage.Join("c", "c", null));
      assertThat(ann.expect(ServerMessage.Error.class).message()).contains("room creation rate limit");
    }
    String now = http.scrape();
    assertThat(value(now, "netchat_rooms_refused_total", "reason", "max_rooms")).isEqualTo(1);
    assertThat(value(now, "netchat_rooms_refused_total", "reason", "creation_rate")).isEqualTo(1);
  }

  @Test
  void healthIsUpAndReadyUntilShutdown() throws Exception {
    start(TestServers.jsonOnLoopback());
    var live = http.get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"up\"}\n");
    assertThat(live.headers().firstValue("content-type")).hasValue("application/json");
    var ready = http.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}\n");

    server.close();

    var stopping = http.get("/health/ready");
    assertThat(stopping.statusCode()).isEqualTo(503);
    assertThat(stopping.body()).isEqualTo("{\"status\":\"not_ready\",\"reasons\":[\"shutting down\"]}\n");
    assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void aFailingReadinessCheckMakesReady503WithItsReason() throws Exception {
    ReadinessCheckStub store = new ReadinessCheckStub();
    start(TestServers.jsonOnLoopback(), store);
    assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    store.problem = Optional.of("store not writable");
    var ready = http.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("{\"status\":\"not_ready\",\"reasons\":[\"store not writable\"]}\n");
  }

  @Test
  void theScrapeCarriesTheJvmAndNettyFiguresInTheTextFormat() throws Exception {
    start(TestServers.jsonOnLoopback());
    var response = http.get("/metrics");
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    String scrape = response.body();
    assertThat(scrape).contains("# TYPE netchat_connections_open gauge", "# TYPE netchat_deliveries_total counter",
        "jvm_memory_used_bytes{", "jvm_gc_", "process_cpu_usage", "netchat_eventloop_pending_tasks{loop=\"0\"}",
        "netchat_allocator_used_bytes{memory=\"direct\"}", "# TYPE netchat_outbound_limit_bytes gauge");
    assertThat(scrape).doesNotContain("NaN");
  }

  @Test
  void theScrapePassesPromtool() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient alice = WireClient.login(address, "alice")) {
      alice.send(new ClientMessage.Join(null, "lobby", null));
      alice.expect(ServerMessage.Joined.class);
    }
    String scrape = http.scrape();
    Files.writeString(Path.of("target", "scrape.prom"), scrape);
    Promtool.check(scrape, "check", "metrics");
  }

  /**
   * examples/: the scrape config and alert rules pass promtool, every query of the Grafana dashboard
   * parses as PromQL (checked by promtool as recording rules), and every netchat metric they use
   * is in a real scrape.
   */
  @Test
  void thePrometheusAndGrafanaExamplesAreValidAndUseExportedMetrics(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    start(TestServers.jsonOnLoopback().withStore(TestServers.sqlite(dir, io.netchat.store.StoreConfig.Durability.COMMIT)));
    String scrape = http.scrape();
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    Path alerts = examples.resolve("prometheus/netchat-alerts.yml");
    Path dashboard = examples.resolve("grafana/netchat-dashboard.json");
    Promtool.check("", "check", "rules", alerts.toString());
    Promtool.check("", "check", "config", examples.resolve("prometheus/prometheus.yml").toString());

    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (JsonNode target : new ObjectMapper().readTree(dashboard.toFile()).findValues("targets")) {
      for (JsonNode query : target) {
        String expr = query.get("expr").asText().replace("$instance", ".*");
        rules.append("      - record: dashboard:q").append(++n).append("\n        expr: '")
            .append(expr.replace("'", "''")).append("'\n");
      }
    }
    assertThat(n).isGreaterThan(10);
    Promtool.check("", "check", "rules", Files.writeString(dir.resolve("dashboard.yml"), rules).toString());

    Set<String> names = new TreeSet<>();
    for (Path file : List.of(alerts, dashboard)) {
      Matcher used = Pattern.compile("netchat_[a-z_]+").matcher(Files.readString(file));
      while (used.find()) {
        names.add(used.group());
      }
    }
    assertThat(names).hasSizeGreaterThan(10)
        .allSatisfy(name -> assertThat(scrape).as("an example uses %s", name).contains("\n" + name));
  }

  /** A readiness check a test can fail at will, standing for the store's. */
  static final class ReadinessCheckStub implements io.netchat.server.admin.ReadinessCheck {
    volatile Optional<String> problem = Optional.empty();

    @Override
    public Optional<String> notReadyBecause() {
      return problem;
    }
  }
}
