package io.netchat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigTest {

  @Test
  void defaultsAreSqliteCommitUnderDataKeepingEverything() {
    StoreConfig d = StoreConfig.DEFAULTS;
    assertThat(d.type()).isEqualTo(StoreConfig.Type.SQLITE);
    assertThat(d.durability()).isEqualTo(StoreConfig.Durability.COMMIT);
    assertThat(d.dataDir()).isEqualTo(Path.of("data"));
    assertThat(d.queueCapacity()).isEqualTo(4096);
    assertThat(d.historyRetention().enabled()).isFalse();
    assertThat(d.withDataDir(Path.of("/var/lib/netchat")).dataDir()).isEqualTo(Path.of("/var/lib/netchat"));
  }

  @Test
  void valuesParseByTheirConfigNamesAndAWrongOneIsNamedWithTheChoices() {
    assertThat(StoreConfig.Type.parse("memory")).isEqualTo(StoreConfig.Type.MEMORY);
    assertThat(StoreConfig.Durability.parse("async")).isEqualTo(StoreConfig.Durability.ASYNC);
    assertThatThrownBy(() -> StoreConfig.Durability.parse("fsync"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("store.durability must be commit | async, got \"fsync\"");
    assertThatThrownBy(() -> StoreConfig.Type.parse("SQLITE"))
        .hasMessage("store.type must be memory | sqlite, got \"SQLITE\"");
  }

  @Test
  void invalidValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> new StoreConfig(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT,
        Path.of("d"), 0, StoreConfig.DEFAULT_RETENTION))
        .hasMessageContaining("store.queue_capacity").hasMessageContaining("got 0");
    assertThatThrownBy(() -> new StoreConfig(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT,
        Path.of(""), 10, StoreConfig.DEFAULT_RETENTION))
        .hasMessageContaining("store.data_dir");
    assertThatThrownBy(() -> new StoreConfig.Retention(Duration.ofSeconds(-1), 0))
        .hasMessageContaining("store.history_retention.max_age");
    assertThatThrownBy(() -> new StoreConfig.Retention(Duration.ZERO, -5))
        .hasMessageContaining("store.history_retention.max_per_room").hasMessageContaining("-5");
  }

  @Test
  void storesOpensTheTypeTheConfigNames(@TempDir Path dir) {
    StoreConfig memory = new StoreConfig(StoreConfig.Type.MEMORY, StoreConfig.Durability.ASYNC,
        dir, 10, StoreConfig.DEFAULT_RETENTION);
    try (ChatStore store = Stores.open(memory)) {
      assertThat(store).isInstanceOf(MemoryStore.class);
      assertThat(store.durability()).isEqualTo(StoreConfig.Durability.ASYNC);
    }
    assertThat(dir.resolve("netchat.db")).doesNotExist();
    try (ChatStore store = Stores.open(StoreConfig.DEFAULTS.withDataDir(dir))) {
      assertThat(store.durability()).isEqualTo(StoreConfig.Durability.COMMIT);
    }
    assertThat(dir.resolve("netchat.db")).exists();
  }
}
