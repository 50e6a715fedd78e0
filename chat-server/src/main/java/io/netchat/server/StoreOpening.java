package io.netchat.server;

import io.netchat.store.ChatStore;
import io.netchat.store.StoreConfig;
import io.netchat.store.Stores;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the configured store on its own thread while the rest of start-up (codecs, TLS, event
 * loops) runs, so that the two overlap: opening a sqlite store (the JDBC driver's native library,
 * Flyway's validation, the first transaction) is the longest single step before the server binds.
 * {@link ChatServer#start} {@linkplain #join() joins} it before binding any listener, so "ready"
 * still means the store is open and writable.
 */
final class StoreOpening {
  private final CompletableFuture<ChatStore> store;

  private StoreOpening(CompletableFuture<ChatStore> store) {
    this.store = store;
  }

  /** Starts opening {@code config}'s store; the memory store needs no opening (null store). */
  static StoreOpening start(StoreConfig config) {
    CompletableFuture<ChatStore> future = new CompletableFuture<>();
    if (config.type() == StoreConfig.Type.MEMORY) {
      future.complete(null);
      return new StoreOpening(future);
    }
    Thread opener = new Thread(() -> {
      try {
        future.complete(Stores.open(config));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, "netchat-store-open");
    opener.setDaemon(true);
    opener.start();
    return new StoreOpening(future);
  }

  /**
   * Waits for the store: the open store, null for the memory store.
   *
   * @throws RuntimeException what opening threw ({@code StoreStartupException} naming the file, …)
   */
  ChatStore join() {
    try {
      return store.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("opening the store failed", e.getCause());
    }
  }

  /** Start-up failed elsewhere: waits for the opening and closes the store, whatever became of it. */
  void abandon() {
    try {
      ChatStore opened = join();
      if (opened != null) {
        opened.close();
      }
    } catch (RuntimeException | Error ignored) {
      // start-up is already failing with its own cause; a store that did not open holds nothing
    }
  }
}
