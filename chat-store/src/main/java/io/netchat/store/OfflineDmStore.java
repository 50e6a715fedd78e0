package io.netchat.store;

import java.util.concurrent.CompletableFuture;

/**
 * Direct messages kept for a registered account while it has no session, until its next login
 * (docs/PROTOCOL.md §18). Keyed by the account's name (the case-folded nick). At most {@code max}
 * are kept per account: a new one beyond that drops the oldest, and the drops are counted for the
 * recipient. {@link #take} hands them out once: it removes what it returns in the same step, so
 * two logins at once never both get them. Like {@link AccountStore}, no method blocks its caller.
 *
 * <p>The memory store keeps them until the process ends; the sqlite store in the
 * {@code offline_dms} table (schema V20) across restarts.
 */
public interface OfflineDmStore {

  /**
   * Keeps {@code dm} for {@code account}; completes once it is kept (under the store's durability).
   * Beyond {@code max} for the account, the oldest go.
   */
  CompletableFuture<Void> keep(String account, StoredDm dm, int max);

  /** Checks the arguments of {@link #keep}; shared by the implementations. */
  static void checkKeep(String account, StoredDm dm, int max) {
    StoredAccount.checkName(account);
    java.util.Objects.requireNonNull(dm, "dm");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, got " + max);
    }
  }

  /** Takes every dm kept for {@code account}, oldest first, with the count of those dropped; they are gone after. */
  CompletableFuture<OfflineDms> take(String account);
}
