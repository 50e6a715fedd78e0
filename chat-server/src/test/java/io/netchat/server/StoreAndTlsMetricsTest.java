package io.netchat.server;

import static io.netchat.server.AdminHttp.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AdminConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.config.TlsClientAuth;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-14 figures that come from the store and the TLS listeners, each seen to move in
 * {@code /metrics}: failed TLS handshakes by reason, the store's queue depth and its commit
 * latency histogram.
 */
class StoreAndTlsMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

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

  private InetSocketAddress start(ServerConfig config) {
    server = ChatServer.start(config);
    admin = AdminListener.start(AdminConfig.defaults().withPort(0), server, List.of());
    http = new AdminHttp(admin.address());
    return server.addresses().get(0);
  }

  private double tlsFailures(String reason) throws Exception {
    return value(http.scrape(), "netchat_tls_handshakes_failed_total", "reason", reason);
  }

  @Test
  void failedTlsHandshakesAreCountedByReason() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(TestServers.config(tls.listener(TlsClientAuth.REQUIRE)));
    assertThat(tlsFailures("not_tls")).isZero();
    assertThat(tlsFailures("bad_certificate")).isZero();

    try (WireClient plain = WireClient.connect(address)) {
      plain.send(new ClientMessage.Hello(null, "ann"));
      assertThat(plain.closedByServer()).isTrue();
    }
    await().atMost(WAIT).until(() -> tlsFailures("not_tls") == 1);

    try (WireClient anonymous = new WireClient(TlsFixture.connect(address, tls.ca.certificate(), null), "length",
        "json")) {
      anonymous.send(new ClientMessage.Hello(null, "bob"));
      anonymous.next();
    } catch (java.io.IOException refused) {
      // TLS 1.3 may report the refusal in the handshake or on the first read
    }
    await().atMost(WAIT).until(() -> tlsFailures("bad_certificate") == 1);
    assertThat(tlsFailures("not_tls")).isEqualTo(1);
    assertThat(tlsFailures("timeout")).isZero();
  }

  /**
   * A connection of the test holds the database's write lock, so the store's writer waits with the
   * batch it took (for up to its busy timeout, 10 s): a say sent meanwhile waits in the queue, and
   * the gauge shows it; once the lock is released both commit and the commit histogram counts them.
   */
  @Test
  void theStoreQueueDepthAndCommitLatencyMoveWithWrites() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT)));
    String before = http.scrape();
    assertThat(value(before, "netchat_store_queue_depth")).isZero();
    assertThat(value(before, "netchat_store_queue_capacity")).isEqualTo(StoreConfig.DEFAULT_QUEUE_CAPACITY);
    List<WireClient> clients = new ArrayList<>();
    try {
      for (String nick : List.of("ann", "bob")) {
        WireClient client = WireClient.login(address, nick);
        clients.add(client);
        client.send(new ClientMessage.Join("j", "r", null));
        client.expect(ServerMessage.Ok.class, ok -> "j".equals(ok.re()));
      }
      double commits = value(http.scrape(), "netchat_store_commit_seconds_count");
      assertThat(commits).as("the room's creation was committed").isPositive();

      try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"));
          Statement statement = lock.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
        clients.get(0).send(new ClientMessage.Say("s", "r", "taken by the writer, which then waits"));
        http.scrape(); // a round trip: the writer has long taken that say
        clients.get(1).send(new ClientMessage.Say("s", "r", "waits in the queue"));
        await().atMost(WAIT).until(() -> value(http.scrape(), "netchat_store_queue_depth") == 1);
        statement.execute("ROLLBACK");
      }
      for (WireClient client : clients) {
        client.expect(ServerMessage.Ok.class, ok -> "s".equals(ok.re()));
      }
      String after = http.scrape();
      assertThat(value(after, "netchat_store_queue_depth")).isZero();
      assertThat(value(after, "netchat_store_commit_seconds_count")).isGreaterThan(commits);
      assertThat(value(after, "netchat_store_commit_seconds_bucket", "le", "+Inf"))
          .isEqualTo(value(after, "netchat_store_commit_seconds_count"));
      Promtool.check(after, "check", "metrics");
    } finally {
      for (WireClient client : clients) {
        client.close();
      }
    }
  }

  @Test
  void aServerWithoutADurableStoreHasNoStoreMeters() throws Exception {
    start(TestServers.jsonOnLoopback().withStore(TestServers.MEMORY));
    assertThat(http.scrape()).doesNotContain("netchat_store_");
  }
}
