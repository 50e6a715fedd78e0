package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AdminConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.room.Room;
import io.netchat.store.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server on loopback over a sqlite file in a temporary directory, restarted on it. */
class SqliteRoomsLoopbackTest {
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(Path dir, StoreConfig.Durability durability) {
    ServerConfig config = TestServers.jsonOnLoopback().withStore(TestServers.sqlite(dir, durability))
        .withLimits(TestServers.limits(null, null, null, 10, 1000, 1000, null, null));
    server = ChatServer.start(config);
    return server.addresses().get(0);
  }

  @Test
  void aRestartKeepsTopicsHistoryAndTheSeqCounter(@TempDir Path dir) throws Exception {
    InetSocketAddress address = start(dir, StoreConfig.Durability.COMMIT);
    List<Long> acked = new ArrayList<>();
    try (WireClient ann = WireClient.login(address, "ann")) {
      ann.send(new ClientMessage.Join("j", "Lobby", null));
      ann.expect(ServerMessage.Ok.class);
      for (int i = 1; i <= 25; i++) {
        ann.send(new ClientMessage.Say("s" + i, "lobby", "message " + i));
        acked.add(ann.expect(ServerMessage.Ok.class, ok -> ok.seq() != null).seq());
      }
      ann.send(new ClientMessage.Topic("t", "lobby", "survives restarts"));
      ann.expect(ServerMessage.Ok.class, ok -> ok.re().equals("t"));
    }
    assertThat(acked).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
    server.close();
    assertThat(dir.resolve("netchat.db")).isRegularFile();

    address = start(dir, StoreConfig.Durability.COMMIT);
    try (WireClient bob = WireClient.login(address, "bob")) {
      bob.send(new ClientMessage.Join("j", "LOBBY", 20L));
      ServerMessage.Joined joined = bob.expect(ServerMessage.Joined.class);
      assertThat(joined.room()).isEqualTo("Lobby");
      assertThat(joined.topic()).isEqualTo("survives restarts");
      assertThat(joined.seq()).as("the topic change took the last seq").isEqualTo(26);
      List<Long> backlog = new ArrayList<>();
      ServerMessage next;
      while (!((next = bob.next()) instanceof ServerMessage.Ok)) {
        backlog.add(((ServerMessage.Message) next).seq());
      }
      assertThat(backlog).as("a v1 replay: messages only").containsExactly(21L, 22L, 23L, 24L, 25L);

      bob.send(new ClientMessage.History("h", "lobby", 21L, 5));
      ServerMessage.History older = bob.expect(ServerMessage.History.class);
      assertThat(older.messages()).extracting(ServerMessage.Message::seq).containsExactly(16L, 17L, 18L, 19L, 20L);
      assertThat(older.messages().get(0).text()).isEqualTo("message 16");
      assertThat(older.messages().get(0).from()).isEqualTo("ann");

      bob.send(new ClientMessage.Say("s", "lobby", "after the restart"));
      assertThat(bob.expect(ServerMessage.Ok.class, ok -> "s".equals(ok.re())).seq()).isEqualTo(27);
    }
  }

  /**
   * Under sqlite a topic change takes the room's next seq in the stream; after a restart an
   * {@code events} session's re-join replays it in its place among the messages, a v1 re-join
   * gets the messages only, and each message comes back with the msgid, txn and action flag it was
   * sent with.
   */
  @Test
  void topicChangesKeepTheirPlaceInTheStreamAndMessagesTheirIdentityAcrossARestart(@TempDir Path dir)
      throws Exception {
    InetSocketAddress address = start(dir, StoreConfig.Durability.COMMIT);
    List<ServerMessage> live = new ArrayList<>();
    String epoch;
    try (WireClient ann = loginWithEvents(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join("j", "r", null));
      epoch = ann.expect(ServerMessage.Joined.class).epoch();
      bob.send(new ClientMessage.Join("j", "r", null));
      bob.expect(ServerMessage.Ok.class);
      ClientMessage[] commands = {
          new ClientMessage.Say("s1", "r", "one", "txn-1"),
          new ClientMessage.Topic("t2", "r", "news"),
          new ClientMessage.Say("s3", "r", "two", "txn-3"),
          new ClientMessage.Topic("t4", "r", ""),
          new ClientMessage.Say("s5", "r", "waves", null, true)};
      for (ClientMessage command : commands) {
        ann.send(command);
        ServerMessage seen = bob.next();
        while (seen instanceof ServerMessage.Presence) {
          seen = bob.next();
        }
        live.add(seen);
      }
      ann.expect(ServerMessage.Ok.class, ok -> "s5".equals(ok.re()));
    }
    assertThat(live).extracting(SqliteRoomsLoopbackTest::seqOf).as("one numbering, live").containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(live.get(1)).isEqualTo(new ServerMessage.Topic("r", "news", "ann", 2L));
    assertThat(live.get(3)).isEqualTo(new ServerMessage.Topic("r", "", null, 4L));
    ServerMessage.Message first = (ServerMessage.Message) live.get(0);
    assertThat(first.txn()).isEqualTo("txn-1");
    assertThat(first.msgid()).isNotNull();
    assertThat(((ServerMessage.Message) live.get(4)).action()).isTrue();
    server.close();

    address = start(dir, StoreConfig.Durability.COMMIT);
    try (WireClient cid = loginWithEvents(address, "cid"); WireClient dan = WireClient.login(address, "dan")) {
      cid.send(new ClientMessage.Join("j", "r", 0L, epoch));
      ServerMessage.Joined joined = cid.expect(ServerMessage.Joined.class);
      assertThat(joined.seq()).isEqualTo(5);
      assertThat(joined.topic()).isEmpty();
      assertThat(joined.recovered()).isTrue();
      assertThat(untilOk(cid)).as("the events replay, byte for byte what was live").isEqualTo(live);

      dan.send(new ClientMessage.Join("j", "r", 0L));
      dan.expect(ServerMessage.Joined.class);
      assertThat(untilOk(dan)).as("a v1 replay: the messages only")
          .containsExactly(live.get(0), live.get(2), live.get(4));

      dan.send(new ClientMessage.History("h", "r", null, 10));
      assertThat(dan.expect(ServerMessage.History.class).messages()).as("history: messages only")
          .containsExactly((ServerMessage.Message) live.get(0), (ServerMessage.Message) live.get(2),
              (ServerMessage.Message) live.get(4));

      cid.send(new ClientMessage.Topic("t", "r", "after the restart"));
      assertThat(dan.expect(ServerMessage.Topic.class).seq()).isEqualTo(6);
    }
  }

  private static WireClient loginWithEvents(InetSocketAddress address, String nick) throws IOException {
    WireClient client = WireClient.connect(address);
    client.send(new ClientMessage.Hello(null, nick, 1, null, List.of("events"), null));
    assertThat(client.expect(ServerMessage.Welcome.class).caps()).contains("events");
    return client;
  }

  /** The frames before the next {@code ok}. */
  private static List<ServerMessage> untilOk(WireClient client) throws IOException {
    List<ServerMessage> frames = new ArrayList<>();
    ServerMessage next;
    while (!((next = client.next()) instanceof ServerMessage.Ok)) {
      frames.add(next);
    }
    return frames;
  }

  /** The seq of a room event on the wire. */
  private static Long seqOf(ServerMessage event) {
    return event instanceof ServerMessage.Message m ? Long.valueOf(m.seq()) : ((ServerMessage.Topic) event).seq();
  }

  @Test
  void asyncDurabilityAnswersAtOnceAndStillKeepsWhatACleanStopCommitted(@TempDir Path dir) throws Exception {
    InetSocketAddress address = start(dir, StoreConfig.Durability.ASYNC);
    try (WireClient ann = WireClient.login(address, "ann")) {
      ann.send(new ClientMessage.Join("j", "r", null));
      ann.expect(ServerMessage.Ok.class);
      for (int i = 1; i <= 5; i++) {
        ann.send(new ClientMessage.Say("s" + i, "r", "m" + i));
        assertThat(ann.expect(ServerMessage.Ok.class, ok -> ok.seq() != null).seq()).isEqualTo(i);
      }
    }
    server.close();
    address = start(dir, StoreConfig.Durability.ASYNC);
    try (WireClient bob = WireClient.login(address, "bob")) {
      bob.send(new ClientMessage.Join("j", "r", 0L));
      assertThat(bob.expect(ServerMessage.Joined.class).seq()).isEqualTo(5);
      assertThat(bob.expect(ServerMessage.Message.class).text()).isEqualTo("m1");
    }
  }

  /**
   * A data file that turns read-only under a running server (the immutable attribute: even root
   * cannot write it): a say is answered {@code unavailable}, nobody's connection is harmed, the
   * refused message takes no seq, and service resumes once the file is writable again.
   */
  @Test
  void aReadOnlyDataFileAnswersUnavailableKeepsEveryoneChattingAndServiceResumes(@TempDir Path dir) throws Exception {
    Path probe = Files.createFile(dir.resolve("probe"));
    assumeTrue(chattr("+i", probe) && chattr("-i", probe), "needs chattr and a file system with the immutable attribute");
    Files.delete(probe);
    InetSocketAddress address = start(dir, StoreConfig.Durability.COMMIT);
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      for (WireClient client : List.of(ann, bob)) {
        client.send(new ClientMessage.Join("j", "r", null));
        client.expect(ServerMessage.Ok.class);
      }
      ann.send(new ClientMessage.Say("s1", "r", "before"));
      assertThat(ann.expect(ServerMessage.Ok.class, ok -> "s1".equals(ok.re())).seq()).isEqualTo(1);
      bob.expect(ServerMessage.Message.class);

      // not the -shm file: SQLite maps it, and a write fault there is a SIGBUS, not an I/O error
      Path[] files = {dir.resolve("netchat.db"), dir.resolve("netchat.db-wal")};
      assertThat(chattr("+i", files)).isTrue();
      try {
        ann.send(new ClientMessage.Say("s2", "r", "on a read-only file"));
        ServerMessage.Error refused = ann.expect(ServerMessage.Error.class);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.re()).isEqualTo("s2");
        bob.send(new ClientMessage.Dm("d", "ann", "still talking"));
        assertThat(bob.expect(ServerMessage.Ok.class).re()).isEqualTo("d");
        assertThat(ann.expect(ServerMessage.Dm.class).text()).isEqualTo("still talking");
      } finally {
        assertThat(chattr("-i", files)).isTrue();
      }

      ann.send(new ClientMessage.Say("s3", "r", "disk back"));
      assertThat(ann.expect(ServerMessage.Ok.class, ok -> "s3".equals(ok.re())).seq())
          .as("the refused message issued no seq").isEqualTo(2);
      ServerMessage.Message seen = bob.expect(ServerMessage.Message.class);
      assertThat(seen.seq()).isEqualTo(2);
      assertThat(seen.text()).isEqualTo("disk back");
    }
  }

  /**
   * Issue 11 under {@code durability: async}: a say acknowledged at once whose write then fails is
   * lost, so the room takes the new epoch the store gives it — a re-join naming the old epoch is not
   * {@code recovered} — and {@code /health/ready} says 503 (store not writable) until a write works
   * again, by itself, when the file is writable again.
   */
  @Test
  void underAsyncALostWriteChangesTheRoomsEpochAndReadinessFollowsTheStore(@TempDir Path dir) throws Exception {
    Path probe = Files.createFile(dir.resolve("probe"));
    assumeTrue(chattr("+i", probe) && chattr("-i", probe), "needs chattr and a file system with the immutable attribute");
    Files.delete(probe);
    InetSocketAddress address = start(dir, StoreConfig.Durability.ASYNC);
    try (AdminListener admin = AdminListener.start(AdminConfig.defaults().withPort(0), server, List.of());
        WireClient ann = loginWithEvents(address, "ann")) {
      AdminHttp http = new AdminHttp(admin.address());
      assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      ann.send(new ClientMessage.Join("j", "r", null));
      String epoch = ann.expect(ServerMessage.Joined.class).epoch();
      ann.send(new ClientMessage.Say("s1", "r", "kept"));
      ann.expect(ServerMessage.Ok.class, ok -> "s1".equals(ok.re()));
      Room room = server.context().rooms().get("r");

      Path[] files = {dir.resolve("netchat.db"), dir.resolve("netchat.db-wal")};
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(files[1]));
      assertThat(chattr("+i", files)).isTrue();
      try {
        ann.send(new ClientMessage.Say("s2", "r", "acknowledged, then lost"));
        assertThat(ann.expect(ServerMessage.Ok.class, ok -> "s2".equals(ok.re())).seq()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> !room.epoch().equals(epoch));
        var notReady = http.get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("store not writable");

        try (WireClient bob = loginWithEvents(address, "bob")) {
          bob.send(new ClientMessage.Join("j", "r", 1L, epoch));
          ServerMessage.Joined joined = bob.expect(ServerMessage.Joined.class);
          assertThat(joined.epoch()).isEqualTo(room.epoch());
          assertThat(joined.recovered()).as("seq 2 is not in the store: the old numbering cannot be trusted").isFalse();
        }
      } finally {
        assertThat(chattr("-i", files)).isTrue();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health/ready").statusCode() == 200);
    }
  }

  /** Sets or clears the immutable attribute of the files that exist; false when chattr cannot. */
  private static boolean chattr(String flag, Path... paths) throws Exception {
    List<String> command = new ArrayList<>(List.of("chattr", flag));
    for (Path path : paths) {
      if (Files.exists(path)) {
        command.add(path.toString());
      }
    }
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException noChattr) {
      return false;
    }
  }

  @Test
  void theMemoryStoreWritesNothing(@TempDir Path dir) throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback()
        .withStore(TestServers.MEMORY.withDataDir(dir.resolve("never"))));
    try (WireClient ann = WireClient.login(server.addresses().get(0), "ann")) {
      ann.send(new ClientMessage.Join("j", "r", null));
      ann.send(new ClientMessage.Say("s", "r", "only in memory"));
      assertThat(ann.expect(ServerMessage.Ok.class, ok -> "s".equals(ok.re())).seq()).isEqualTo(1);
    }
    assertThat(Files.exists(dir.resolve("never"))).isFalse();
  }
}
