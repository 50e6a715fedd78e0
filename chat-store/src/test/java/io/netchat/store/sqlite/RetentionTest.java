package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.store.StoreConfig;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history_retention prunes in the background, in batches smaller than the work, never touching last_seq. */
class RetentionTest {

  /** Smaller than what each test has to delete, so every test needs several batches. */
  private static final int BATCH = 7;

  @TempDir
  Path dir;

  private SqliteStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private void open(StoreConfig.Retention retention) {
    store = SqliteStore.open(new StoreConfig(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT,
        dir, StoreConfig.DEFAULT_QUEUE_CAPACITY, retention),
        new SqliteStore.Tuning(Duration.ofMillis(20), BATCH, c -> c));
  }

  private void fill(String room, int n, Instant ts) throws Exception {
    store.openRoom(room, room, ts).get(30, TimeUnit.SECONDS);
    CompletableFuture<Long> last = null;
    for (int i = 0; i < n; i++) {
      last = store.append(room, "ann", room + i, ts);
    }
    last.get(30, TimeUnit.SECONDS);
  }

  private List<Long> seqs(String room) throws Exception {
    return store.readAfter(room, 0, 1000).get(30, TimeUnit.SECONDS).stream().map(StoredMessage::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void keepsTheNewestMaxPerRoomInEveryRoom() throws Exception {
    open(new StoreConfig.Retention(Duration.ZERO, 5));
    Instant now = Instant.now();
    fill("a", 40, now);
    fill("b", 3, now);
    fill("c", 12, now);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(seqs("a")).isEqualTo(range(36, 40));
      assertThat(seqs("c")).isEqualTo(range(8, 12));
    });
    assertThat(seqs("b")).isEqualTo(range(1, 3));
    assertThat(store.append("a", "ann", "next", now).get(30, TimeUnit.SECONDS)).isEqualTo(41);
  }

  @Test
  void pausesAsLongAsTheLastBatchTookWhileAPassGoesOnAndAnIntervalAfterIt() {
    Duration interval = Duration.ofMinutes(1);
    assertThat(Pruner.nextDelayNanos(true, 37_000_000, interval)).isEqualTo(37_000_000);
    assertThat(Pruner.nextDelayNanos(true, 10, interval)).isEqualTo(1_000_000);
    assertThat(Pruner.nextDelayNanos(false, 37_000_000, interval)).isEqualTo(interval.toNanos());
  }

  @Test
  void prunesAcrossMoreRoomsThanOneBatchVisits() throws Exception {
    open(new StoreConfig.Retention(Duration.ZERO, 2));
    Instant now = Instant.now();
    for (int r = 0; r < 150; r++) { // more than the 100 rooms one batch looks at
      fill(String.format("room%03d", r), 3, now);
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(seqs("room000")).isEqualTo(range(2, 3));
      assertThat(seqs("room149")).isEqualTo(range(2, 3));
    });
  }

  @Test
  void removesMessagesOlderThanMaxAge() throws Exception {
    open(new StoreConfig.Retention(Duration.ofHours(1), 0));
    Instant now = Instant.now();
    fill("a", 30, now.minus(Duration.ofDays(2)));
    store.append("a", "ann", "fresh", now).get(30, TimeUnit.SECONDS);
    fill("b", 20, now.minus(Duration.ofHours(2)));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(seqs("a")).containsExactly(31L);
      assertThat(seqs("b")).isEmpty();
    });
    assertThat(store.openRoom("b", "b", now).get(30, TimeUnit.SECONDS).lastSeq()).isEqualTo(20);
  }
}
