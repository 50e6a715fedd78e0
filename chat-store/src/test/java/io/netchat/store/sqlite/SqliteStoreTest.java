package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.store.ChatStore;
import io.netchat.store.ChatStoreContract;
import io.netchat.store.RoomState;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends ChatStoreContract {

  @TempDir
  Path dir;

  @Override
  protected ChatStore newStore(StoreConfig.Durability durability) {
    return SqliteStore.open(config(dir, durability));
  }

  static StoreConfig config(Path dir, StoreConfig.Durability durability) {
    return new StoreConfig(StoreConfig.Type.SQLITE, durability, dir,
        StoreConfig.DEFAULT_QUEUE_CAPACITY, StoreConfig.DEFAULT_RETENTION);
  }

  @Test
  void aRestartKeepsTopicsHistoryAndTheSeqCounter() throws Exception {
    RoomState before = await(store.openRoom("lobby", "Lobby", T0));
    appendN("lobby", 7);
    assertThat(await(store.appendTopic("lobby", "welcome", "ann", T0))).isEqualTo(8);
    await(store.append("lobby", "bob", "m9", T0, "tx-9"));
    await(store.append("lobby", "bob", "waves", T0, "tx-10", true));
    await(store.append("lobby", "ally", "alice", "with an account", T0, null, false));
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    RoomState after = await(store.openRoom("lobby", "ignored", T0.plusSeconds(60)));
    assertThat(after.meta()).isEqualTo(before.meta().withTopic("welcome", "ann"));
    assertThat(after.lastSeq()).isEqualTo(11);
    assertThat(await(store.readAfter("lobby", 0, 100))).extracting(StoredMessage::text)
        .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m9", "waves", "with an account");
    assertThat(await(store.readAfter("lobby", 7, 100, ChatStore.Select.EVENTS))).containsExactly(
        StoredMessage.topic(8, "ann", "welcome", T0),
        new StoredMessage(9, StoredMessage.Kind.MESSAGE, "bob", "m9", T0, "tx-9"),
        new StoredMessage(10, StoredMessage.Kind.MESSAGE, "bob", "waves", T0, "tx-10", true),
        new StoredMessage(11, StoredMessage.Kind.MESSAGE, "ally", "with an account", T0, null, false, "alice"));
    assertThat(await(store.append("lobby", "bob", "next", T0))).isEqualTo(12);
  }

  /**
   * Another connection holds the write lock: the writer waits (its busy timeout) with the batch it
   * took, and what is appended meanwhile is counted as queued until the lock goes; every commit is
   * timed for the metrics.
   */
  @Test
  void writesWaitingForTheWriterAreCountedAndEachCommitIsTimed() throws Exception {
    List<Long> commits = new CopyOnWriteArrayList<>();
    store.onCommit(commits::add);
    await(store.openRoom("q", "q", T0));
    assertThat(commits).as("the room's creation").hasSize(1);
    assertThat(store.queuedWrites()).isZero();
    CompletableFuture<Long> first;
    List<CompletableFuture<Long>> queued = new ArrayList<>();
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"));
        Statement statement = lock.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      first = store.append("q", "ann", "taken", T0);
      Awaitility.await().atMost(WAIT).until(() -> store.queuedWrites() == 0); // the writer took it and waits
      for (int i = 0; i < 3; i++) {
        queued.add(store.append("q", "ann", "queued " + i, T0));
      }
      assertThat(store.queuedWrites()).isEqualTo(3);
      statement.execute("ROLLBACK");
    }
    assertThat(await(first)).isEqualTo(1);
    for (CompletableFuture<Long> append : queued) {
      await(append);
    }
    assertThat(store.queuedWrites()).isZero();
    assertThat(commits).hasSizeGreaterThanOrEqualTo(3).allSatisfy(nanos -> assertThat(nanos).isPositive());
  }

  @Test
  void aRestartKeepsAccounts() throws Exception {
    io.netchat.store.StoredAccount alice = new io.netchat.store.StoredAccount("alice", "Alice", HASH, T0, null);
    assertThat(await(store.accounts().create(alice))).isTrue();
    assertThat(await(store.accounts().changePasswordHash("alice", HASH, "h2"))).isTrue();
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    assertThat(await(store.accounts().find("alice"))).isEqualTo(alice.withPasswordHash("h2"));
  }

  @Test
  void aRestartKeepsOfflineDmsAndTheirDrops() throws Exception {
    io.netchat.store.StoredDm one = new io.netchat.store.StoredDm("ann", "bob", "one", T0, "m1");
    io.netchat.store.StoredDm two = new io.netchat.store.StoredDm("ann", "bob", "two", T0.plusMillis(1), "m2");
    await(store.offlineDms().keep("bob", one, 1));
    await(store.offlineDms().keep("bob", two, 1));
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    assertThat(await(store.offlineDms().take("bob"))).isEqualTo(new io.netchat.store.OfflineDms(List.of(two), 1));
  }

  @Test
  void aRestartKeepsDmStreamsTheirEpochAndNumbering() throws Exception {
    io.netchat.store.StoredDm one = new io.netchat.store.StoredDm("ally", "bob", "one", T0, "m1", "alice");
    io.netchat.store.DmStreamStore.Entry first = await(store.dmStreams().append("bob", one, "tx-1", 10));
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    io.netchat.store.DmStreamStore.Stream after = await(store.dmStreams().read("bob"));
    assertThat(after.epoch()).isEqualTo(first.epoch());
    assertThat(after.held()).containsExactly(first);
    io.netchat.store.StoredDm two = new io.netchat.store.StoredDm("carl", "bob", "two", T0, "m2");
    assertThat(await(store.dmStreams().append("bob", two, null, 10)).seq()).isEqualTo(2);
  }

  @Test
  void theSchemaHasEveryTableEachFromItsOwnMigration() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"));
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT version, description FROM flyway_schema_history ORDER BY installed_rank")) {
      List<String> applied = new ArrayList<>();
      while (rs.next()) {
        applied.add(rs.getString(1) + " " + rs.getString(2));
      }
      assertThat(applied).containsExactly("1 rooms and messages", "2 accounts", "3 room roles",
          "4 bans", "5 room events", "6 room moderation events", "7 room modes", "10 message action", "20 offline dms",
          "21 sender accounts", "22 dm streams", "25 server bans");
    }
    store = newStore(StoreConfig.Durability.COMMIT); // a second start applies nothing and starts
  }

  @Test
  void startUpReadsNoRoomARoomIsLoadedOnFirstUse() throws Exception {
    appendN("good", 3);
    await(store.openRoom("broken", "broken", T0));
    store.close();
    // A row no code could load (epoch 0 breaks RoomMeta): start-up must not trip over it.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"))) {
      c.createStatement().executeUpdate("UPDATE rooms SET epoch = 0 WHERE key = 'broken'");
    }
    store = newStore(StoreConfig.Durability.COMMIT);
    assertThat(await(store.openRoom("good", "good", T0)).lastSeq()).isEqualTo(3);
    assertThatThrownBy(() -> await(store.openRoom("broken", "broken", T0)))
        .hasCauseInstanceOf(io.netchat.store.StoreUnavailableException.class);
  }

  @Test
  void theDatabaseRunsInWalMode() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  /** A file written before migration 5 holds messages only: they read back as messages without a txn. */
  @Test
  void aDatabaseFromBeforeRoomEventsIsMigratedItsRowsAreMessages(@TempDir Path older) throws Exception {
    String url = "jdbc:sqlite:" + older.resolve("netchat.db");
    org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations(Schema.LOCATION)
        .target("4").load().migrate();
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().executeUpdate("INSERT INTO rooms (key, name, topic, topic_by, created, epoch, last_seq)"
          + " VALUES ('old', 'Old', 'kept', 'ann', 0, 42, 2)");
      c.createStatement().executeUpdate("INSERT INTO messages (room, seq, sender, text, ts) VALUES"
          + " ('old', 1, 'ann', 'one', 0), ('old', 2, 'bob', 'two', 0)");
    }
    try (ChatStore upgraded = newStore(older)) {
      RoomState state = await(upgraded.openRoom("old", "ignored", T0));
      assertThat(state.meta().topic()).isEqualTo("kept");
      assertThat(state.lastSeq()).isEqualTo(2);
      assertThat(await(upgraded.readAfter("old", 0, 10, ChatStore.Select.EVENTS))).containsExactly(
          new StoredMessage(1, "ann", "one", java.time.Instant.EPOCH),
          new StoredMessage(2, "bob", "two", java.time.Instant.EPOCH));
      assertThat(await(upgraded.appendTopic("old", "new", "cid", T0))).isEqualTo(3);
      assertThat(await(upgraded.readAfter("old", 2, 10, ChatStore.Select.EVENTS)))
          .containsExactly(StoredMessage.topic(3, "cid", "new", T0));
    }
  }

  @Test
  void theKindColumnTakesOnlyKnownKinds() throws Exception {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("netchat.db"))) {
      assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO messages"
          + " (room, seq, kind, sender, text, ts) VALUES ('r', 1, 'kick', 'a', 'b', 0)"))
          .hasMessageContaining("CHECK");
    }
    store = newStore(StoreConfig.Durability.COMMIT);
  }

  /** Moderation (§17): an owned room's rules and its events survive a restart; the event kind is known. */
  @Test
  void aRestartKeepsAnOwnedRoomsRulesAndItsModerationEvents() throws Exception {
    await(store.openRoom("lobby", "Lobby", T0));
    StoredRules.Grant owner = new StoredRules.Grant("ann", "owner", "ann", T0);
    await(store.changeRules("lobby", new RuleChange.Snapshot(
        new StoredRules(StoredRules.Modes.NONE, List.of(owner), List.of()))));
    StoredRules.Ban ban = new StoredRules.Ban("spam*", "ann", "ads", T0, T0.plusSeconds(60));
    assertThat(await(store.appendEvent("lobby", "ann", "{\"type\":\"ban\"}", T0, new RuleChange.BanAdded(ban))))
        .isEqualTo(1);
    await(store.appendEvent("lobby", "ann", "{}", T0, new RuleChange.ModesSet(true, "sesame", null, null, null, 5)));
    await(store.appendEvent("lobby", "ann", "{}", T0, new RuleChange.ModesSet(null, null, true, null, null, null)));
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    RoomState after = await(store.openRoom("lobby", "Lobby", T0));
    assertThat(after.rules()).isEqualTo(new StoredRules(new StoredRules.Modes(true, "sesame", true, false, false, 5),
        List.of(owner), List.of(ban)));
    assertThat(await(store.readAfter("lobby", 0, 10, ChatStore.Select.EVENTS))).first()
        .isEqualTo(StoredMessage.event(1, "ann", "{\"type\":\"ban\"}", T0));
    assertThat(await(store.readAfter("lobby", 0, 10))).as("messages only").isEmpty();
  }

  /** Server-wide bans (§17.6) survive a restart, their ends included; the server decides which have expired. */
  @Test
  void aRestartKeepsTheServerWideBans() throws Exception {
    StoredRules.Ban forever = new StoredRules.Ban("account:eve", "root", "spam", T0, null);
    StoredRules.Ban brief = new StoredRules.Ban("addr:203.0.113.7", "root", "", T0, T0.plusSeconds(60));
    StoredRules.Ban lifted = new StoredRules.Ban("addr:198.51.100.0/24", "root", "", T0, null);
    for (StoredRules.Ban ban : List.of(forever, brief, lifted)) {
      await(store.changeServerBans(new RuleChange.BanAdded(ban)));
    }
    await(store.changeServerBans(new RuleChange.BanLifted(lifted.mask())));
    store.close();

    store = newStore(StoreConfig.Durability.COMMIT);
    assertThat(await(store.serverBans())).containsExactly(forever, brief);
  }

  private static ChatStore newStore(Path at) {
    return SqliteStore.open(config(at, StoreConfig.Durability.COMMIT));
  }
}
