package io.netchat.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends ChatStoreContract {

  @Override
  protected ChatStore newStore(StoreConfig.Durability durability) {
    return new MemoryStore(durability, StoreConfig.DEFAULT_RETENTION);
  }

  @Test
  void keepsAtMostMaxPerRoomSoTheHeapStaysBounded() throws Exception {
    store.close();
    store = new MemoryStore(StoreConfig.Durability.COMMIT, new StoreConfig.Retention(Duration.ZERO, 3));
    appendN("r", 10);
    assertThat(await(store.readAfter("r", 0, 100))).extracting(StoredMessage::seq)
        .containsExactly(8L, 9L, 10L);
    assertThat(await(store.openRoom("r", "r", T0)).lastSeq()).isEqualTo(10);
  }

  @Test
  void dropsMessagesOlderThanMaxAge() throws Exception {
    store.close();
    store = new MemoryStore(StoreConfig.Durability.COMMIT,
        new StoreConfig.Retention(Duration.ofMillis(5), 0));
    appendN("r", 10);
    assertThat(await(store.readAfter("r", 0, 100))).extracting(StoredMessage::seq)
        .containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
  }
}
