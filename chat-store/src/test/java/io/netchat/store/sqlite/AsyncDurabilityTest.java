package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.store.ChatStore;
import io.netchat.store.RoomState;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncDurabilityTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  @Test
  void appendsAreAnsweredAtOnceAndCommittedSoonAfter() throws Exception {
    try (ChatStore store = SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.ASYNC))) {
      store.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      for (long i = 1; i <= 100; i++) {
        CompletableFuture<Long> seq = store.append("r", "ann", "m" + i, T0);
        assertThat(seq).isCompletedWithValue(i);
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(store.readAfter("r", 0, 1000).get()).hasSize(100));
    }
  }

  @Test
  void aCleanCloseKeepsTheEpochAndTheSeqsContinue() throws Exception {
    StoreConfig config = SqliteStoreTest.config(dir, StoreConfig.Durability.ASYNC);
    RoomState first;
    try (ChatStore store = SqliteStore.open(config)) {
      first = store.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 10; i++) {
        store.append("r", "ann", "m", T0);
      }
    }
    try (ChatStore store = SqliteStore.open(config)) {
      RoomState again = store.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      assertThat(again.meta().epoch()).isEqualTo(first.meta().epoch());
      assertThat(again.lastSeq()).isEqualTo(10);
      assertThat(store.append("r", "ann", "m", T0)).isCompletedWithValue(11L);
      assertThat(store.readBefore("r", 11, 1000).get()).extracting(StoredMessage::seq)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
  }

  @Test
  void aTopicChangeTakesItsSeqAtOnceFromTheSameCounterAsMessages() throws Exception {
    StoreConfig config = SqliteStoreTest.config(dir, StoreConfig.Durability.ASYNC);
    try (ChatStore store = SqliteStore.open(config)) {
      store.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      assertThat(store.append("r", "ann", "one", T0, "t1")).isCompletedWithValue(1L);
      assertThat(store.appendTopic("r", "news", "ann", T0)).isCompletedWithValue(2L);
      assertThat(store.append("r", "ann", "two", T0)).isCompletedWithValue(3L);
    }
    try (ChatStore store = SqliteStore.open(config)) {
      RoomState state = store.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      assertThat(state.meta().topic()).isEqualTo("news");
      assertThat(state.lastSeq()).isEqualTo(3);
      assertThat(store.readAfter("r", 0, 10, ChatStore.Select.EVENTS).get(30, TimeUnit.SECONDS))
          .extracting(StoredMessage::kind, StoredMessage::txn).containsExactly(
              org.assertj.core.groups.Tuple.tuple(StoredMessage.Kind.MESSAGE, "t1"),
              org.assertj.core.groups.Tuple.tuple(StoredMessage.Kind.TOPIC, null),
              org.assertj.core.groups.Tuple.tuple(StoredMessage.Kind.MESSAGE, null));
    }
  }
}
