package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.PasswordConfig;
import io.netchat.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client library with accounts (docs/PROTOCOL.md §15), against a real server whose accounts
 * are on disk: a reconnect logs back in with the password, also after a restart (no session to
 * resume) and after a password change.
 */
class ChatClientAccountsTest {
  private static final ReconnectPolicy FAST =
      new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir
  Path dir;
  private TestServer server;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start(config -> config
        .withStore(new StoreConfig(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT, dir,
            StoreConfig.DEFAULT_QUEUE_CAPACITY, StoreConfig.DEFAULT_RETENTION))
        .withAuth(AuthConfig.defaults().withPassword(new PasswordConfig(64, 1, 1, 8))));
  }

  @AfterEach
  void stop() {
    clients.forEach(ChatClient::close);
    server.close();
  }

  private ChatClient client(ClientConfig config, ChatListener listener) {
    ChatClient client = ChatClient.create(config, listener);
    clients.add(client);
    return client;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aReconnectAfterARestartLogsBackInToTheAccountAndRejoins() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    ChatClient ann = client(server.clientConfig("ann").withReconnect(FAST), annEvents);
    get(ann.connect());
    get(ann.register(PASSWORD));
    get(ann.join("lobby"));

    server.restart(); // no session survives: only the password brings ann back
    annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);

    assertThat(ann.joinedRooms()).containsExactly("lobby");
    assertThat(get(ann.whois("ann")).account()).isEqualTo("ann");
    ChatClient mallory = client(server.clientConfig("ann"), new RecordingListener());
    assertThatThrownBy(() -> get(mallory.connect())).cause().isInstanceOfSatisfying(ChatErrorException.class,
        e -> assertThat(e.wireCode()).isEqualTo("nick_reserved"));
  }

  @Test
  void aPasswordLogsInAndAWrongOneIsRefused() throws Exception {
    ChatClient first = client(server.clientConfig("bob"), new RecordingListener());
    get(first.connect());
    get(first.register(PASSWORD));
    first.close();

    ChatClient wrong = client(server.clientConfig("bob"), new RecordingListener());
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> get(wrong.connect("not the password".toCharArray())));
    assertThat(refused.getCause()).isInstanceOfSatisfying(ChatErrorException.class,
        e -> assertThat(e.wireCode()).isEqualTo("bad_credentials"));

    ChatClient bob = client(server.clientConfig("bob"), new RecordingListener());
    char[] typed = PASSWORD.clone();
    get(bob.connect(typed));
    java.util.Arrays.fill(typed, '\0'); // the caller may wipe its copy at once
    assertThat(get(bob.whois("bob")).account()).isEqualTo("bob");
  }

  @Test
  void afterAPasswordChangeTheReconnectUsesTheNewPassword() throws Exception {
    ChatClient first = client(server.clientConfig("carol"), new RecordingListener());
    get(first.connect());
    get(first.register(PASSWORD));
    first.close();

    RecordingListener events = new RecordingListener();
    ChatClient carol = client(server.clientConfig("carol").withReconnect(FAST), events);
    get(carol.connect(PASSWORD));
    get(carol.changePassword(PASSWORD, "battery staple".toCharArray()));
    server.restart();
    events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
    assertThat(get(carol.whois("carol")).account()).isEqualTo("carol");
  }

  /** §18.5: after a reconnect the client resumes its account's dm stream, as it re-joins rooms. */
  @Test
  void aReconnectResumesTheDmStreamAndEachDmIsDeliveredOnce() throws Exception {
    ChatClient first = client(server.clientConfig("dee"), new RecordingListener());
    get(first.connect());
    get(first.register(PASSWORD));
    first.close();
    ChatClient eve = client(server.clientConfig("eve"), new RecordingListener());
    get(eve.connect());
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener events = new RecordingListener();
      ChatClient dee = client(server.clientConfig("dee").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          events);
      get(dee.connect(PASSWORD));
      get(eve.dm("dee", "one"));
      events.awaitEvent(io.netchat.codec.ServerMessage.Dm.class, dm -> "one".equals(dm.text()));

      proxy.cut();
      events.awaitConnection(ConnectionEvent.Kind.DISCONNECTED);
      get(eve.dm("dee", "two")); // sent to the session the server still holds, and lost with it
      get(eve.dm("dee", "three"));
      proxy.resume();
      events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      events.awaitEvent(io.netchat.codec.ServerMessage.Dm.class, dm -> "three".equals(dm.text()));
      get(eve.dm("dee", "four"));
      events.awaitEvent(io.netchat.codec.ServerMessage.Dm.class, dm -> "four".equals(dm.text()));

      assertThat(events.all(io.netchat.codec.ServerMessage.Dm.class))
          .extracting(io.netchat.codec.ServerMessage.Dm::text).containsExactly("one", "two", "three", "four");
      assertThat(events.all(io.netchat.codec.ServerMessage.DmStream.class)).last()
          .satisfies(stream -> assertThat(stream.wasRecovered()).isTrue());
    }
  }
}
