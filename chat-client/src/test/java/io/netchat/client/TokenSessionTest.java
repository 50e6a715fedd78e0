package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that logs in with a {@link TokenSource} (§16) against a real server: the nick is the
 * token's, the client renews short-lived tokens by itself before they run out, {@link
 * ChatClient#refreshToken} renews at once, and a reconnect asks the source again.
 */
class TokenSessionTest {
  private static final ReconnectPolicy FAST =
      new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);

  @TempDir
  static Path dir;

  private TestServer server;
  private ChatClient client;

  @BeforeEach
  void start() {
    server = TestServer.start(config -> TestJwts.acceptingTokens(config, dir));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  /** A source that signs a new token for alice, living {@code lifetime}, at each call; counts the calls. */
  private static TokenSource freshTokens(Duration lifetime, AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      return TestJwts.hs256("alice", Instant.now().plus(lifetime));
    };
  }

  private ChatClient connect(ClientConfig config, RecordingListener listener) throws Exception {
    client = ChatClient.create(config, listener);
    client.connect().get(10, TimeUnit.SECONDS);
    return client;
  }

  @Test
  void theNickIsTheTokensAndShortTokensAreRenewedBeforeTheyRunOut() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RecordingListener events = new RecordingListener();
    ChatClient alice = connect(server.clientConfig("guest").withToken(freshTokens(Duration.ofSeconds(3), calls)), events);

    assertThat(alice.nick()).isEqualTo("alice");
    // each token lives 3 s; three renewals take the session well past the first token's end
    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= 4);
    assertThat(alice.isConnected()).isTrue();
    assertThat(alice.join("lobby").get(10, TimeUnit.SECONDS).room()).isEqualTo("lobby");
    assertThat(events.all(ServerMessage.Bye.class)).as("never expired").isEmpty();
  }

  @Test
  void refreshTokenRenewsAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ChatClient alice = connect(server.clientConfig("guest").withToken(freshTokens(Duration.ofHours(1), calls)),
        new RecordingListener());

    alice.refreshToken().get(10, TimeUnit.SECONDS);

    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void aTokenClientSendsNoPasswordBesideIt() {
    client = ChatClient.create(server.clientConfig("guest").withToken(freshTokens(Duration.ofHours(1),
        new AtomicInteger())), new RecordingListener());

    assertThatThrownBy(() -> client.connect("hunter2".toCharArray()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void aClientWithoutATokenHasNoneToRefresh() throws Exception {
    ChatClient guest = connect(server.clientConfig("guest"), new RecordingListener());

    assertThatThrownBy(() -> guest.refreshToken().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReconnectLogsInWithANewTokenFromTheSource() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RecordingListener events = new RecordingListener();
    ChatClient alice = connect(server.clientConfig("guest").withReconnect(FAST)
        .withToken(freshTokens(Duration.ofHours(1), calls)), events);
    alice.join("lobby").get(10, TimeUnit.SECONDS);

    server.restart();
    events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);

    assertThat(calls.get()).as("asked again for the new login").isGreaterThanOrEqualTo(2);
    assertThat(alice.nick()).isEqualTo("alice");
    assertThat(alice.joinedRooms()).containsExactly("lobby");
  }

  @Test
  void aSourceThatFailsFailsTheConnect() {
    client = ChatClient.create(server.clientConfig("guest").withToken(() -> {
      throw new IllegalStateException("the application is down");
    }), new RecordingListener());
    CompletableFuture<ServerMessage.Welcome> connected = client.connect();

    assertThatThrownBy(() -> connected.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the application is down");
  }

  @Test
  void renewalStartsWhenAFifthOfTheTokensLifeIsLeftAndAtMostAMinuteBefore() {
    Instant now = Instant.parse("2026-11-30T08:00:00Z");
    assertThat(TokenTimes.renewAfter(now, now.plusSeconds(10))).isEqualTo(Duration.ofSeconds(8));
    assertThat(TokenTimes.renewAfter(now, now.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(59));
    assertThat(TokenTimes.renewAfter(now, now.minusSeconds(1))).isEqualTo(Duration.ZERO);
    assertThat(TokenTimes.expiry(TestJwts.hs256("alice", now))).isEqualTo(now);
    assertThat(TokenTimes.expiry("not.a.token")).isNull();
    assertThat(List.of(TokenSource.of(TestJwts.hs256("alice", now)))).hasSize(1);
  }
}
