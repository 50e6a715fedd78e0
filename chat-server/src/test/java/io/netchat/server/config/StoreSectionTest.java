package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code store} section binds to chat-store's own {@link StoreConfig}, laid over its defaults. */
class StoreSectionTest {
  private final ConfigLoader loader = new ConfigLoader(CodecRegistry.load());

  @Test
  void withoutAStoreSectionTheDaemonKeepsItsStateInDataNetchatDb() {
    assertThat(loader.parse("").server().store()).isEqualTo(StoreConfig.defaults());
    assertThat(StoreConfig.defaults().type()).isEqualTo(StoreConfig.Type.SQLITE);
    assertThat(StoreConfig.defaults().dataDir()).isEqualTo(Path.of("data"));
    assertThat(StoreConfig.defaults().durability()).isEqualTo(StoreConfig.Durability.COMMIT);
  }

  @Test
  void everyKeyOverridesItsDefaultAndTheRestKeepTheirs() {
    StoreConfig store = loader.parse("""
        store:
          type: memory
          durability: async
          data_dir: /srv/netchat
          queue_capacity: 64
          history_retention:
            max_age: 30d
        """).server().store();

    assertThat(store).isEqualTo(new StoreConfig(StoreConfig.Type.MEMORY, StoreConfig.Durability.ASYNC,
        Path.of("/srv/netchat"), 64, new StoreConfig.Retention(Duration.ofDays(30), 0)));
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> loader.parse("store:\n  type: postgres\n"))
        .isInstanceOf(ConfigException.class).hasMessage("store.type = \"postgres\": expected one of memory, sqlite");
    assertThatThrownBy(() -> loader.parse("store:\n  queue_capacity: 0\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.queue_capacity must be in 1..1048576, got 0");
    assertThatThrownBy(() -> loader.parse("store:\n  history_retention:\n    max_age: 30\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("store.history_retention.max_age = 30:");
    assertThatThrownBy(() -> loader.parse("store:\n  max_age: 1d\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key");
  }
}
