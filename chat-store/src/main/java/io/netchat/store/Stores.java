package io.netchat.store;

import io.netchat.store.sqlite.SqliteStore;

/** Opens the store that a {@link StoreConfig} names. */
public final class Stores {

  private Stores() {}

  /**
   * Opens the configured store; a sqlite store may refuse with a {@link StoreStartupException}
   * whose message names the file and what to do.
   */
  public static ChatStore open(StoreConfig config) {
    return switch (config.type()) {
      case MEMORY -> new MemoryStore(config.durability(), config.historyRetention());
      case SQLITE -> SqliteStore.open(config);
    };
  }
}
