package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netchat.store.RoomState;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoreUnavailableException.Reason;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit, a full queue and a failing disk: the typed failure, and the writer recovering by
 * itself. The writer is held up by another connection taking SQLite's write lock.
 */
class WriterFailureTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private final FaultyDisk disk = new FaultyDisk();
  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private SqliteStore open(StoreConfig.Durability durability, int queueCapacity) {
    StoreConfig config = new StoreConfig(StoreConfig.Type.SQLITE, durability, dir, queueCapacity,
        StoreConfig.DEFAULT_RETENTION);
    store = SqliteStore.open(config, new SqliteStore.Tuning(
        SqliteStore.Tuning.DEFAULT.pruneInterval(), SqliteStore.Tuning.DEFAULT.pruneBatch(), disk::wrap));
    return store;
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static Reason reasonOf(CompletableFuture<?> f) {
    try {
      f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class);
      return ((StoreUnavailableException) e.getCause()).reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return null;
  }

  @Test
  void appendsFromManyRoomsShareOneTransaction() throws Exception {
    open(StoreConfig.Durability.COMMIT, 4096);
    for (int r = 0; r < 10; r++) {
      get(store.openRoom("room" + r, "room" + r, T0));
    }
    long before = store.committedBatches();
    List<CompletableFuture<Long>> all = new ArrayList<>();
    try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.database());
        Statement s = blocker.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < 500; i++) {
        all.add(store.append("room" + (i % 10), "ann", "m" + i, T0));
      }
      s.execute("ROLLBACK");
    }
    for (int i = 0; i < all.size(); i++) {
      assertThat(get(all.get(i))).isEqualTo(i / 10 + 1L);
    }
    // The first append may have been taken alone before the rest were queued; then one more.
    assertThat(store.committedBatches() - before).isBetween(1L, 2L);
  }

  @Test
  void aFullQueueFailsFastAndTheAcceptedAppendsStillCommitInOrder() throws Exception {
    open(StoreConfig.Durability.COMMIT, 4);
    get(store.openRoom("r", "r", T0));
    List<CompletableFuture<Long>> accepted = new ArrayList<>();
    CompletableFuture<Long> refused = null;
    // Another connection holds the write lock, so the writer waits inside its first batch.
    try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + store.database());
        Statement s = blocker.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      for (int i = 0; i < 1000 && refused == null; i++) {
        CompletableFuture<Long> f = store.append("r", "ann", "m" + i, T0);
        if (f.isCompletedExceptionally()) {
          refused = f;
        } else {
          accepted.add(f);
        }
      }
      s.execute("ROLLBACK");
    }
    assertThat(refused).as("an append refused while the writer was stuck").isNotNull();
    assertThat(reasonOf(refused)).isEqualTo(Reason.QUEUE_FULL);
    assertThat(accepted.size()).isBetween(4, 4 + Writer.MAX_BATCH);
    for (int i = 0; i < accepted.size(); i++) {
      assertThat(get(accepted.get(i))).isEqualTo(i + 1L);
    }
    assertThat(get(store.append("r", "ann", "after", T0))).isEqualTo(accepted.size() + 1L);
  }

  @Test
  void aFailingDiskFailsTheBatchThenServiceResumesWithoutARestartAndNoSeqIsLost() throws Exception {
    open(StoreConfig.Durability.COMMIT, 64);
    get(store.openRoom("r", "r", T0));
    assertThat(get(store.append("r", "ann", "one", T0))).isEqualTo(1);

    disk.breakIt();
    assertThat(reasonOf(store.append("r", "ann", "lost-on-closed-connection", T0))).isEqualTo(Reason.DISK);
    assertThat(reasonOf(store.append("r", "ann", "lost-on-read-only-file", T0))).isEqualTo(Reason.DISK);
    await().atMost(WAIT).untilAsserted(() ->   // reads keep working on a read-only disk
        assertThat(store.readAfter("r", 0, 10).get()).extracting(StoredMessage::text).containsExactly("one"));

    disk.heal();
    List<Long> seqs = new ArrayList<>();
    await().atMost(WAIT).untilAsserted(() -> {
      CompletableFuture<Long> f = store.append("r", "ann", "back", T0);
      assertThat(reasonOf(f)).isNull();
      seqs.add(f.get());
    });
    assertThat(seqs).containsExactly(2L);
    assertThat(get(store.readAfter("r", 0, 10))).extracting(StoredMessage::text).containsExactly("one", "back");
  }

  @Test
  void underAsyncAFailedBatchChangesTheRoomsEpochAndRefusesUntilTheDiskIsBack() throws Exception {
    open(StoreConfig.Durability.ASYNC, 64);
    Map<String, Long> announced = new ConcurrentHashMap<>();
    store.onNewEpoch(announced::put);
    RoomState before = get(store.openRoom("r", "r", T0));
    get(store.openRoom("quiet", "quiet", T0));
    assertThat(get(store.append("r", "ann", "one", T0))).isEqualTo(1);
    await().atMost(WAIT).until(() -> store.readAfter("r", 0, 10).get().size() == 1);
    assertThat(announced).isEmpty();

    disk.breakIt();
    assertThat(get(store.append("r", "ann", "acked-then-lost", T0))).isEqualTo(2);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(reasonOf(store.append("r", "ann", "refused", T0))).isEqualTo(Reason.DISK));
    assertThat(announced).as("told at once, while the disk still fails").containsOnlyKeys("r");
    assertThat(store.notWritableBecause()).hasValueSatisfying(why -> assertThat(why).startsWith("store not writable"));
    long announcedEpoch = announced.get("r");
    assertThat(announcedEpoch).isNotEqualTo(before.meta().epoch());

    disk.heal();
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(reasonOf(store.append("r", "ann", "back", T0))).isNull());
    assertThat(store.notWritableBecause()).isEmpty();
    RoomState after = get(store.openRoom("r", "r", T0));
    assertThat(after.meta().epoch()).as("the epoch announced is the one stored").isEqualTo(announcedEpoch);
    assertThatThrownBy(() -> store.append("nowhere", "a", "b", T0)).isInstanceOf(IllegalStateException.class);
  }
}
