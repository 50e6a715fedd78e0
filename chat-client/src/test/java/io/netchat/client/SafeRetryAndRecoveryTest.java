package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static io.netchat.client.ClientFixture.get;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract 1.1 in the client library against a real server: a say whose answer is lost in a
 * forced reconnect is delivered exactly once, and a room recreated under a new epoch is re-synced
 * rather than having its first messages dropped.
 */
class SafeRetryAndRecoveryTest {
  private TestServer server;
  private final ClientFixture clients = new ClientFixture();
  private final RecordingListener annEvents = new RecordingListener();
  private final RecordingListener bobEvents = new RecordingListener();
  private ChatClient bob;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  /** Ann (through {@code proxy}) and bob (directly) in the lobby; returns ann. */
  private ChatClient annAndBobInTheLobby(TcpProxy proxy) throws Exception {
    ChatClient ann = clients.viaProxy(server, proxy, "ann", annEvents);
    bob = clients.connect(server.clientConfig("bob"), bobEvents);
    get(ann.join("lobby"));
    get(bob.join("lobby"));
    return ann;
  }

  @Test
  void aSayWhoseAnswerIsLostInAReconnectIsDeliveredOnceAndCompletes() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      ChatClient ann = annAndBobInTheLobby(proxy);

      proxy.dropReplies(); // the server gets the say, ann never hears back
      CompletableFuture<ServerMessage.Ok> once = ann.sayOk("lobby", "once");
      bobEvents.awaitTexts("lobby", List.of("once"));
      assertThat(once).isNotDone();
      proxy.cut();
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);

      ServerMessage.Ok ok = get(once);
      ServerMessage.Message delivered = bobEvents.all(ServerMessage.Message.class).get(0);
      assertThat(ok.seq()).isEqualTo(1L);
      assertThat(ok.msgid()).isEqualTo(delivered.msgid()).isNotNull();
      get(bob.say("lobby", "after"));
      annEvents.awaitTexts("lobby", List.of("once", "after"));
      assertThat(annEvents.texts("lobby")).containsExactly("once", "after");
      assertThat(bobEvents.texts("lobby")).containsExactly("once", "after");
      assertThat(get(bob.history("lobby", null, null)).messages()).extracting(ServerMessage.Message::text)
          .containsExactly("once", "after");
    }
  }

  @Test
  void aSayLostOnItsWayIsSentAgainAfterTheReconnectAndDeliveredOnce() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      ChatClient ann = annAndBobInTheLobby(proxy);

      proxy.dropRequests(); // the say never reaches the server
      CompletableFuture<Long> lost = ann.say("lobby", "second try");
      CompletableFuture<Void> dm = ann.dm("bob", "psst");
      get(bob.say("lobby", "meanwhile")); // ann's say was not accepted while bob's was
      annEvents.awaitTexts("lobby", List.of("meanwhile"));
      proxy.cut();
      proxy.resume();

      assertThat(get(lost)).isEqualTo(2L);
      get(dm);
      bobEvents.awaitTexts("lobby", List.of("meanwhile", "second try"));
      assertThat(bobEvents.texts("lobby")).containsExactly("meanwhile", "second try");
      assertThat(bobEvents.all(ServerMessage.Dm.class)).extracting(ServerMessage.Dm::text).containsExactly("psst");
      assertThat(annEvents.texts("lobby")).containsExactly("meanwhile", "second try");
    }
  }

  @Test
  void aSayPendingWhenTheClientGivesUpFails() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      ReconnectPolicy twice = new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(20), 1.0, 2);
      ChatClient ann = clients.connect(server.clientConfig("ann").withAddress("127.0.0.1", proxy.port())
          .withReconnect(twice), annEvents);
      get(ann.join("lobby"));
      proxy.dropRequests();
      CompletableFuture<Long> lost = ann.say("lobby", "nobody hears");
      proxy.cut(); // and stays refused: both attempts fail
      annEvents.awaitConnection(ConnectionEvent.Kind.CLOSED);
      assertThat(lost).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(ChatConnectionException.class);
    }
  }

  @Test
  void aRoomRecreatedPastOurSeqIsResyncedInsteadOfDroppingItsFirstMessages() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      ChatClient ann = clients.viaProxy(server, proxy, "ann", annEvents);
      get(ann.join("lobby"));
      for (String text : List.of("old-1", "old-2")) {
        get(ann.say("lobby", text));
      }
      String oldEpoch = get(ann.join("lobby")).epoch();

      proxy.cut();
      server.restart(); // the room is gone; the new one numbers from 1 under a new epoch
      bob = clients.connect(server.clientConfig("bob"), bobEvents);
      get(bob.join("lobby"));
      for (String text : List.of("new-1", "new-2", "new-3", "new-4")) {
        get(bob.say("lobby", text)); // seqs 1..4: past ann's last seq, 2
      }
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      get(bob.say("lobby", "new-5"));
      annEvents.awaitTexts("lobby", List.of("old-1", "old-2", "new-1", "new-2", "new-3", "new-4", "new-5"));

      assertThat(annEvents.texts("lobby"))
          .containsExactly("old-1", "old-2", "new-1", "new-2", "new-3", "new-4", "new-5");
      ServerMessage.Joined rejoined = annEvents.all(ServerMessage.Joined.class).get(annEvents.all(ServerMessage.Joined.class).size() - 1);
      assertThat(rejoined.epoch()).isNotEqualTo(oldEpoch);
      assertThat(rejoined.recovered()).isFalse();
      await().atMost(RecordingListener.WAIT).until(() -> ann.isConnected());
      assertThat(get(ann.history("lobby", 3L, 10)).messages()).extracting(ServerMessage.Message::text)
          .as("a read in the new epoch").containsExactly("new-1", "new-2");
    }
  }

  @Test
  void aShortCutInOneEpochIsRecovered() throws Exception {
    try (TcpProxy proxy = new TcpProxy(server.address())) {
      ChatClient ann = annAndBobInTheLobby(proxy);
      get(bob.say("lobby", "one"));
      annEvents.awaitTexts("lobby", List.of("one"));
      proxy.cut();
      annEvents.awaitConnection(ConnectionEvent.Kind.DISCONNECTED);
      get(bob.say("lobby", "two"));
      proxy.resume();
      annEvents.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      annEvents.awaitTexts("lobby", List.of("one", "two"));
      List<ServerMessage.Joined> joins = annEvents.all(ServerMessage.Joined.class);
      assertThat(joins).hasSize(2);
      assertThat(joins.get(1).recovered()).isTrue();
      assertThat(joins.get(1).epoch()).isEqualTo(joins.get(0).epoch());
      assertThat(annEvents.texts("lobby")).containsExactly("one", "two");
    }
  }
}
