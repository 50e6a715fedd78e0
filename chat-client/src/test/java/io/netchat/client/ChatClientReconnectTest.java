package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconnect and recovery against a real server: a dropped connection (cut by a relay) and a
 * server restart on the same port. The listener must end up with every message once, in order.
 */
class ChatClientReconnectTest {
  private static final ReconnectPolicy FAST =
      new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);

  private TestServer server;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    clients.forEach(ChatClient::close);
    server.close();
  }

  private ChatClient client(ClientConfig config, ChatListener listener) throws Exception {
    ChatClient client = ChatClient.create(config, listener);
    clients.add(client);
    get(client.connect());
    return client;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static void sayAll(ChatClient client, String room, String... texts) throws Exception {
    for (String text : texts) {
      get(client.say(room, text));
    }
  }

  @Test
  void aDroppedConnectionRecoversTheMessagesSentMeanwhile() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener annEvents = new RecordingListener();
      ChatClient ann = client(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          annEvents);
      ChatClient bob = client(server.clientConfig("bob"), new RecordingListener());
      get(ann.join("lobby"));
      get(bob.join("lobby"));
      sayAll(bob, "lobby", "m1", "m2");
      annEvents.awaitTexts("lobby", List.of("m1", "m2"));

      proxy.cut();
      annEvents.awaitConnection(ConnectionEvent.Kind.DISCONNECTED);
      sayAll(bob, "lobby", "m3", "m4");
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      sayAll(bob, "lobby", "m5");
      annEvents.awaitTexts("lobby", List.of("m1", "m2", "m3", "m4", "m5"));

      assertThat(annEvents.texts("lobby")).containsExactly("m1", "m2", "m3", "m4", "m5");
      assertThat(annEvents.seqs("lobby")).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(ann.joinedRooms()).containsExactly("lobby");
      assertThat(get(ann.say("lobby", "back"))).isEqualTo(6L);
      assertThat(annEvents.connection).extracting(ConnectionEvent::kind).containsSubsequence(
          ConnectionEvent.Kind.CONNECTED, ConnectionEvent.Kind.DISCONNECTED,
          ConnectionEvent.Kind.RECONNECTING, ConnectionEvent.Kind.RECONNECTED);
    }
  }

  @Test
  void aDroppedSessionIsResumedAndTheRoomSeesNoPresence() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener annEvents = new RecordingListener();
      RecordingListener bobEvents = new RecordingListener();
      ChatClient ann = client(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          annEvents);
      ChatClient bob = client(server.clientConfig("bob"), bobEvents);
      get(bob.join("lobby"));
      get(ann.join("lobby"));
      bobEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("ann"));

      proxy.cut();
      annEvents.awaitConnection(ConnectionEvent.Kind.DISCONNECTED);
      sayAll(bob, "lobby", "while away");
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      annEvents.awaitTexts("lobby", List.of("while away"));
      sayAll(bob, "lobby", "after");
      annEvents.awaitTexts("lobby", List.of("while away", "after"));

      assertThat(annEvents.texts("lobby")).containsExactly("while away", "after");
      assertThat(bobEvents.all(ServerMessage.Presence.class)).as("resumed: no quit, no second join")
          .containsExactly(new ServerMessage.Presence("lobby", "ann", ServerMessage.Presence.JOIN));
      assertThat(get(bob.who("lobby")).nicks()).containsExactly("ann", "bob");
    }
  }

  @Test
  void aBlockedListenerDoesNotStallTheReconnectOrTheReJoin() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener annEvents = new RecordingListener();
      CountDownLatch stalled = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ChatListener blocking = new ChatListener() {
        @Override
        public void onEvent(ServerMessage event) {
          annEvents.onEvent(event);
          if (event instanceof ServerMessage.Message m && m.text().equals("stall")) {
            stalled.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }

        @Override
        public void onConnection(ConnectionEvent event) {
          annEvents.onConnection(event);
        }
      };
      ChatClient ann = client(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          blocking);
      ChatClient bob = client(server.clientConfig("bob"), new RecordingListener());
      get(ann.join("lobby"));
      get(bob.join("lobby"));
      try {
        sayAll(bob, "lobby", "stall");
        assertThat(stalled.await(10, TimeUnit.SECONDS)).as("the listener is blocked").isTrue();

        proxy.cut();
        sayAll(bob, "lobby", "while-away");
        proxy.resume();

        // The listener is still blocked: the reconnect, the hello and the re-join happen anyway.
        await().atMost(RecordingListener.WAIT).until(() -> ann.isConnected()
            && get(bob.who("lobby")).nicks().contains("ann"));
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(ann.joinedRooms()).containsExactly("lobby");
      } finally {
        release.countDown();
      }
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      sayAll(bob, "lobby", "after");
      annEvents.awaitTexts("lobby", List.of("stall", "while-away", "after"));
      assertThat(annEvents.texts("lobby")).containsExactly("stall", "while-away", "after");
    }
  }

  @Test
  void aServerRestartOnTheSamePortIsSurvived() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    ChatClient ann = client(server.clientConfig("ann").withReconnect(FAST), annEvents);
    ChatClient bob = client(server.clientConfig("bob"), new RecordingListener());
    get(ann.join("lobby"));
    get(bob.join("lobby"));
    sayAll(bob, "lobby", "before-1", "before-2");
    annEvents.awaitTexts("lobby", List.of("before-1", "before-2"));

    server.restart();
    annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
    ChatClient cat = client(server.clientConfig("cat"), new RecordingListener());
    get(cat.join("lobby"));
    sayAll(cat, "lobby", "after-1", "after-2", "after-3");
    annEvents.awaitTexts("lobby", List.of("before-1", "before-2", "after-1", "after-2", "after-3"));

    assertThat(annEvents.texts("lobby")).containsExactly("before-1", "before-2", "after-1", "after-2", "after-3");
    assertThat(annEvents.all(ServerMessage.Bye.class)).extracting(ServerMessage.Bye::reason).contains("shutting_down");
    assertThat(get(ann.who("lobby")).nicks()).containsExactlyInAnyOrder("ann", "cat");
  }

  @Test
  void aRestartedRoomIsReplayedFromItsStartWhenItsSeqIsBehindOurs() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener annEvents = new RecordingListener();
      ChatClient ann = client(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          annEvents);
      get(ann.join("lobby"));
      sayAll(ann, "lobby", "old-1", "old-2", "old-3");
      annEvents.awaitTexts("lobby", List.of("old-1", "old-2", "old-3"));

      proxy.cut();
      server.restart();
      ChatClient bob = client(server.clientConfig("bob"), new RecordingListener());
      get(bob.join("lobby"));
      sayAll(bob, "lobby", "new-1", "new-2");
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      sayAll(bob, "lobby", "new-3");
      annEvents.awaitTexts("lobby", List.of("old-1", "old-2", "old-3", "new-1", "new-2", "new-3"));

      assertThat(annEvents.texts("lobby")).containsExactly("old-1", "old-2", "old-3", "new-1", "new-2", "new-3");
    }
  }

  @Test
  void commandsInFlightWhenTheConnectionDropsFailAndLaterOnesWorkAgain() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      RecordingListener events = new RecordingListener();
      ChatClient ann = client(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port()).withReconnect(FAST),
          events);
      get(ann.join("lobby"));

      proxy.cut();
      events.awaitConnection(ConnectionEvent.Kind.DISCONNECTED);
      CompletableFuture<Long> whileAway = ann.say("lobby", "lost?");
      assertThat(whileAway).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(ChatConnectionException.class);
      proxy.resume();
      events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);

      assertThat(get(ann.say("lobby", "made it"))).isEqualTo(1L);
    }
  }

  @Test
  void changingNickKeepsTheRooms() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    ChatClient ann = client(server.clientConfig("ann").withReconnect(FAST), annEvents);
    ChatClient bob = client(server.clientConfig("bob"), bobEvents);
    get(ann.join("lobby"));
    get(bob.join("lobby"));

    assertThat(get(ann.changeNick("anne"))).isEqualTo("anne");
    get(bob.say("lobby", "hi anne"));

    assertThat(ann.nick()).isEqualTo("anne");
    assertThat(get(bob.who("lobby")).nicks()).containsExactlyInAnyOrder("anne", "bob");
    annEvents.awaitTexts("lobby", List.of("hi anne"));
    assertThat(annEvents.texts("lobby")).containsExactly("hi anne");

    Throwable taken = org.assertj.core.api.Assertions.catchThrowable(() -> get(ann.changeNick("bob")));
    assertThat(taken).hasCauseInstanceOf(ChatErrorException.class);
    await().atMost(RecordingListener.WAIT).until(ann::isConnected);
    assertThat(ann.nick()).isEqualTo("anne");
    assertThat(get(bob.who("lobby")).nicks()).containsExactlyInAnyOrder("anne", "bob");
  }
}
