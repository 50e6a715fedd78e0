package io.netchat.store;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Where registered accounts live (docs/PROTOCOL.md §15). Accounts are keyed by {@code name}, the
 * case-folded nick. Like {@link ChatStore}, no method blocks its caller: each hands its work to
 * the store's own thread and returns a future that completes there (or is already complete), so
 * it may be called from an event loop. A full queue, a failing disk or a closed store fail the
 * future with {@link StoreUnavailableException}.
 *
 * <p>The memory store keeps accounts until the process ends; the sqlite store keeps them in the
 * {@code accounts} table across restarts.
 */
public interface AccountStore {

  /** The account called {@code name}, or null when there is none. */
  CompletableFuture<StoredAccount> find(String name);

  /** Adds {@code account}; completes with false (and changes nothing) when its name is taken. */
  CompletableFuture<Boolean> create(StoredAccount account);

  /**
   * Replaces the password hash of {@code name} with {@code newHash}, only while it is still
   * {@code expectedHash} (the hash the old password was checked against): false when the account
   * is gone or its hash changed meanwhile (another {@code passwd} won).
   */
  CompletableFuture<Boolean> changePasswordHash(String name, String expectedHash, String newHash);

  /** Records a login of {@code name} at {@code at}; an account that is gone is no failure. */
  CompletableFuture<Void> seen(String name, Instant at);
}
