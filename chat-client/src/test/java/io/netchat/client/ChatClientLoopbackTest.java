package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.TimeoutsConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The library against a real server on loopback: every command, correlation and errors. */
class ChatClientLoopbackTest {
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

  private ChatClient client(String nick, RecordingListener listener) {
    ChatClient client = ChatClient.create(server.clientConfig(nick), listener);
    clients.add(client);
    return client;
  }

  /** A client of {@code nick}, connected and logged in. */
  private ChatClient connected(String nick, RecordingListener listener) throws Exception {
    ChatClient client = client(nick, listener);
    get(client.connect());
    return client;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    return assertThatThrownBy(() -> get(future)).isInstanceOf(java.util.concurrent.ExecutionException.class)
        .actual().getCause();
  }

  @Test
  void connectLogsInAndReportsConnected() throws Exception {
    RecordingListener events = new RecordingListener();
    ChatClient ann = client("ann", events);

    ServerMessage.Welcome welcome = get(ann.connect());

    assertThat(welcome.nick()).isEqualTo("ann");
    assertThat(welcome.limits().maxTextLength()).isPositive();
    assertThat(ann.isConnected()).isTrue();
    events.awaitConnection(ConnectionEvent.Kind.CONNECTED);
    assertThat(events.all(ServerMessage.Welcome.class)).containsExactly(welcome);
  }

  @Test
  void roomCommandsAnswerWithTheirEvents() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    ChatClient ann = connected("ann", annEvents);
    ChatClient bob = connected("bob", bobEvents);

    assertThat(get(ann.join("lobby")).members()).containsExactly("ann");
    ServerMessage.Joined bobJoined = get(bob.join("lobby"));
    assertThat(bobJoined.members()).containsExactlyInAnyOrder("ann", "bob");
    annEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("bob") && p.event().equals("join"));

    assertThat(get(ann.say("lobby", "hello bob"))).isEqualTo(1L);
    assertThat(get(bob.say("lobby", "hi ann"))).isEqualTo(2L);
    bobEvents.awaitTexts("lobby", List.of("hello bob", "hi ann"));
    annEvents.awaitTexts("lobby", List.of("hello bob", "hi ann"));
    assertThat(annEvents.texts("lobby")).containsExactly("hello bob", "hi ann");
    assertThat(bobEvents.seqs("lobby")).containsExactly(1L, 2L);

    assertThat(get(ann.topic("lobby", "weekly sync")))
        .isEqualTo(new ServerMessage.Topic("lobby", "weekly sync", "ann", 3L)); // the change's seq in the room's stream
    bobEvents.awaitEvent(ServerMessage.Topic.class, t -> t.text().equals("weekly sync"));
    assertThat(get(bob.topic("lobby")).text()).isEqualTo("weekly sync");

    assertThat(get(bob.who("lobby")).nicks()).containsExactlyInAnyOrder("ann", "bob");
    assertThat(get(bob.rooms()).rooms()).extracting(ServerMessage.RoomInfo::name).contains("lobby");
    assertThat(get(bob.history("lobby", null, 10)).messages())
        .extracting(ServerMessage.Message::text).containsExactly("hello bob", "hi ann");
    assertThat(get(bob.history("lobby", 2L, 10)).messages())
        .extracting(ServerMessage.Message::text).containsExactly("hello bob");

    ServerMessage.Left left = get(bob.leave("lobby"));
    assertThat(left.room()).isEqualTo("lobby");
    assertThat(left.re()).as("the library speaks contract 1.1: an answer names its command").isNotNull();
    assertThat(bob.joinedRooms()).isEmpty();
    annEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("bob") && p.event().equals("leave"));
    assertThat(get(ann.ping())).isPositive();
  }

  @Test
  void backlogReachesTheListenerBeforeTheJoinCompletes() throws Exception {
    ChatClient ann = client("ann", new RecordingListener());
    get(ann.connect());
    get(ann.join("lobby"));
    for (int i = 1; i <= 3; i++) {
      get(ann.say("lobby", "m" + i));
    }
    RecordingListener late = new RecordingListener();
    ChatClient cat = client("cat", late);
    get(cat.connect());

    get(cat.join("lobby"));

    assertThat(late.texts("lobby")).containsExactly("m1", "m2", "m3");
    assertThat(late.threads).allMatch(name -> name.startsWith("netchat-client-events-"));
  }

  @Test
  void directMessagesAndTheirErrors() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    ChatClient ann = client("ann", new RecordingListener());
    ChatClient bob = client("bob", bobEvents);
    get(ann.connect());
    get(bob.connect());

    get(ann.dm("bob", "psst"));
    ServerMessage.Dm dm = bobEvents.awaitEvent(ServerMessage.Dm.class, d -> true);
    assertThat(dm.from()).isEqualTo("ann");
    assertThat(dm.text()).isEqualTo("psst");

    Throwable error = failure(ann.dm("nobody", "hello?"));
    assertThat(error).isInstanceOf(ChatErrorException.class);
    assertThat(((ChatErrorException) error).code()).isEqualTo(ErrorCode.NO_SUCH_USER);
  }

  @Test
  void serverErrorsFailTheMatchingFutureWithTheTypedCode() throws Exception {
    ChatClient ann = client("ann", new RecordingListener());
    get(ann.connect());

    Throwable notJoined = failure(ann.say("lobby", "anyone?"));
    assertThat(((ChatErrorException) notJoined).code()).isEqualTo(ErrorCode.NOT_JOINED);
    Throwable leave = failure(ann.leave("lobby"));
    assertThat(((ChatErrorException) leave).code()).isEqualTo(ErrorCode.NOT_JOINED);

    ChatClient twin = client("ann", new RecordingListener());
    Throwable taken = failure(twin.connect());
    assertThat(((ChatErrorException) taken).code()).isEqualTo(ErrorCode.NICK_TAKEN);
    assertThat(twin.isConnected()).isFalse();

    Throwable hello = failure(ann.send(new ClientMessage.Hello("again", "ann2")));
    assertThat(((ChatErrorException) hello).code()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN);
  }

  @Test
  void invalidArgumentsFailBeforeAnythingIsSent() throws Exception {
    RecordingListener events = new RecordingListener();
    ChatClient ann = client("ann", events);
    get(ann.connect());

    Throwable error = failure(ann.join("no spaces allowed"));

    assertThat(error).isInstanceOf(ChatCodecException.class);
    assertThat(((ChatCodecException) error).code()).isEqualTo(ErrorCode.INVALID_NAME);
    assertThat(get(ann.rooms()).rooms()).isEmpty();
  }

  @Test
  void concurrentCommandsEachGetTheirOwnAnswer() throws Exception {
    ChatClient ann = client("ann", new RecordingListener());
    get(ann.connect());
    List<String> roomNames = List.of("r1", "r2", "r3", "r4", "r5");
    List<CompletableFuture<ServerMessage.Joined>> joins = roomNames.stream()
        .map(room -> CompletableFuture.supplyAsync(() -> room).thenCompose(ann::join)).toList();
    for (int i = 0; i < roomNames.size(); i++) {
      assertThat(get(joins.get(i)).room()).isEqualTo(roomNames.get(i));
    }

    List<CompletableFuture<ServerMessage.Members>> whos = new ArrayList<>();
    List<CompletableFuture<Long>> says = new ArrayList<>();
    for (String room : roomNames) {
      says.add(ann.say(room, "first in " + room));
      whos.add(ann.who(room));
      says.add(ann.say(room, "second in " + room));
    }

    for (int i = 0; i < roomNames.size(); i++) {
      assertThat(get(whos.get(i)).room()).isEqualTo(roomNames.get(i));
      assertThat(get(says.get(2 * i))).isEqualTo(1L);
      assertThat(get(says.get(2 * i + 1))).isEqualTo(2L);
    }
    assertThat(ann.joinedRooms()).containsExactlyInAnyOrderElementsOf(roomNames);
  }

  @Test
  void aRepeatedJoinReplaysHistoryButTheListenerSeesNoDuplicate() throws Exception {
    RecordingListener events = new RecordingListener();
    ChatClient ann = client("ann", events);
    get(ann.connect());
    get(ann.join("lobby"));
    get(ann.say("lobby", "one"));
    get(ann.say("lobby", "two"));
    events.awaitTexts("lobby", List.of("one", "two"));

    get(ann.join("lobby", 0L));
    get(ann.say("lobby", "three"));
    events.awaitTexts("lobby", List.of("one", "two", "three"));

    assertThat(events.seqs("lobby")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void quitEndsTheSessionWithoutReconnecting() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    ChatClient ann = connected("ann", annEvents);
    ChatClient bob = connected("bob", bobEvents);
    get(ann.join("lobby"));
    get(bob.join("lobby"));

    get(ann.quit("lunch"));

    get(ann.closeFuture());
    assertThat(annEvents.connection).last().extracting(ConnectionEvent::kind).isEqualTo(ConnectionEvent.Kind.CLOSED);
    assertThat(annEvents.count(ConnectionEvent.Kind.RECONNECTING)).isZero();
    bobEvents.awaitEvent(ServerMessage.Presence.class, p -> p.nick().equals("ann") && p.event().equals("quit"));
    Throwable afterQuit = failure(ann.say("lobby", "still here?"));
    assertThat(afterQuit).isInstanceOf(ChatConnectionException.class);
  }

  @Test
  void withoutReconnectAServerShutdownClosesTheClient() throws Exception {
    RecordingListener events = new RecordingListener();
    ChatClient ann = client("ann", events);
    get(ann.connect());

    server.stop();

    get(ann.closeFuture());
    assertThat(events.all(ServerMessage.Bye.class)).extracting(ServerMessage.Bye::reason).containsExactly("shutting_down");
    assertThat(events.connection).extracting(ConnectionEvent::kind)
        .containsExactly(ConnectionEvent.Kind.CONNECTED, ConnectionEvent.Kind.DISCONNECTED,
            ConnectionEvent.Kind.CLOSED);
  }

  @Test
  void connectionRefusedFailsWithAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    RecordingListener events = new RecordingListener();
    ChatClient ann = ChatClient.create(server.clientConfig("ann").withAddress("127.0.0.1", closedPort), events);
    clients.add(ann);

    Throwable error = failure(ann.connect());

    assertThat(error).isInstanceOf(ChatConnectionException.class).hasMessageContaining("cannot connect");
    events.awaitConnection(ConnectionEvent.Kind.CLOSED);
  }

  @Test
  void hostNamesAreResolvedOffTheEventLoop() throws Exception {
    ChatClient ann = ChatClient.create(server.clientConfig("ann").withAddress("localhost", server.port()),
        new RecordingListener());
    clients.add(ann);

    assertThat(get(ann.connect()).nick()).isEqualTo("ann");
  }

  @Test
  void unknownHostFailsWithAConnectionError() {
    ChatClient ann = ChatClient.create(server.clientConfig("ann").withAddress("no-such-host.invalid", server.port()),
        new RecordingListener());
    clients.add(ann);

    assertThat(failure(ann.connect())).isInstanceOf(ChatConnectionException.class).hasMessageContaining("resolve");
  }

  @Test
  void theClientAnswersServerPingsByItself() throws Exception {
    server.close();
    server = TestServer.start(config -> config.withTimeouts(new TimeoutsConfig(
        Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(1))));
    RecordingListener events = new RecordingListener();
    ChatClient ann = client("ann", events);
    get(ann.connect());

    await().atMost(RecordingListener.WAIT).until(() -> events.all(ServerMessage.Ping.class).size() >= 3);

    assertThat(ann.isConnected()).isTrue();
    assertThat(events.all(ServerMessage.Bye.class)).isEmpty();
  }

  @Test
  void theClientPingsAQuietServerAndStaysConnected() throws Exception {
    RecordingListener events = new RecordingListener();
    ChatClient ann = ChatClient.create(server.clientConfig("ann").withTimeouts(Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofMillis(500)), events);
    clients.add(ann);
    get(ann.connect());

    await().atMost(RecordingListener.WAIT).until(() -> events.all(ServerMessage.Pong.class).size() >= 2);

    assertThat(ann.isConnected()).isTrue();
  }

  @Test
  void aServerThatNeverAnswersIsDroppedAfterTwoIdlePeriods() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<java.net.Socket> accepted = CompletableFuture.supplyAsync(() -> {
        try {
          return silent.accept();
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      });
      ChatClient ann = ChatClient.create(server.clientConfig("ann").withAddress("127.0.0.1", silent.getLocalPort())
          .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(150)), new RecordingListener());
      clients.add(ann);

      Throwable error = failure(ann.connect());

      assertThat(error).isInstanceOf(ChatConnectionException.class).hasMessageContaining("hello");
      get(accepted).close();
    }
  }

  @Test
  void commandsFailFastWhenNotConnected() {
    ChatClient ann = client("ann", new RecordingListener());

    assertThat(failure(ann.say("lobby", "hi"))).isInstanceOf(ChatConnectionException.class);
    assertThatThrownBy(() -> ann.join("lobby").join()).isInstanceOf(CompletionException.class);
  }

  /**
   * Moderation (contract 1.1 §17): the library asks for {@code events}, so a kick reaches the
   * listener as a {@code kick} with its seq, and a client kicked out of a room no longer counts it
   * among its rooms (a reconnect does not re-join it).
   */
  @Test
  void anOwnerModeratesAndTheKickedClientLeavesTheRoom() throws Exception {
    RecordingListener annEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    ChatClient ann = connected("ann", annEvents);
    ChatClient bob = connected("bob", bobEvents);
    assertThat(get(ann.join("den")).role()).as("the creator's joined says its role").isEqualTo("owner");
    assertThat(ann.role("den")).isEqualTo("owner");
    get(ann.mode(new ClientMessage.Mode(null, "den", null, "s3same", null, null, null, null)));
    assertThat(get(ann.modes("den")).key()).isEqualTo("s3same");
    get(bob.join("den", null, "s3same"));
    assertThat(bob.role("den")).isEqualTo("member");
    get(ann.role("den", "bob", "voice"));
    bobEvents.awaitEvent(ServerMessage.Role.class, role -> role.nick().equals("bob") && role.role().equals("voice"));
    assertThat(bob.role("den")).as("a role event naming the client moves its own role").isEqualTo("voice");
    assertThat(ann.role("den")).isEqualTo("owner");
    get(ann.ban("den", "spam*", 600L, "ads"));
    assertThat(get(ann.bans("den")).bans()).extracting(ServerMessage.BanInfo::mask).containsExactly("spam*");
    get(ann.unban("den", "spam*"));
    get(bob.say("den", "before"));
    get(ann.kick("den", "bob", "enough"));

    ServerMessage.Kick kick = bobEvents.awaitEvent(ServerMessage.Kick.class, k -> k.nick().equals("bob"));
    assertThat(kick.by()).isEqualTo("ann");
    assertThat(kick.reason()).isEqualTo("enough");
    assertThat(kick.seq()).isGreaterThan(bobEvents.seqs("den").get(0));
    await().atMost(RecordingListener.WAIT).until(() -> bob.joinedRooms().isEmpty());
    assertThat(bob.role("den")).isNull();
    assertThat(ann.joinedRooms()).containsExactly("den");
  }
}
