package io.netchat.server;

import io.netchat.store.AccountStore;
import io.netchat.store.DmStreamStore;
import io.netchat.store.MemoryAccounts;
import io.netchat.store.MemoryDmStreams;
import io.netchat.store.MemoryOfflineDms;
import io.netchat.store.OfflineDmStore;
import io.netchat.store.OfflineDms;
import io.netchat.store.StoredAccount;
import io.netchat.store.StoredDm;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A server's account, offline-dm and dm-stream stores on the heap, where the test may hold back
 * the account lookups ({@link #accountReads}), the offline keeps ({@link #keeps}) and the stream
 * appends ({@link #appends}), then let each through or refuse it in call order, as a slow or failing
 * disk would. Used on the test thread only (with embedded channels).
 */
final class HeldStores {
  /** {@code AccountStore.find}: whether a nick is an account, and a password login's first step. */
  final HeldCalls accountReads = new HeldCalls();
  /** {@code OfflineDmStore.keep}: a dm kept for an account with no session. */
  final HeldCalls keeps = new HeldCalls();
  /** {@code DmStreamStore.append}: a dm added to an account's stream. */
  final HeldCalls appends = new HeldCalls();

  private final MemoryAccounts accountData = new MemoryAccounts(100, () -> false);
  private final MemoryOfflineDms offlineData = new MemoryOfflineDms(1000, () -> false);
  private final MemoryDmStreams streamData = new MemoryDmStreams(1 << 20, () -> false);

  final AccountStore accounts = new AccountStore() {
    @Override
    public CompletableFuture<StoredAccount> find(String name) {
      return accountReads.call(() -> accountData.find(name));
    }

    @Override
    public CompletableFuture<Boolean> create(StoredAccount account) {
      return accountData.create(account);
    }

    @Override
    public CompletableFuture<Boolean> changePasswordHash(String name, String expectedHash, String newHash) {
      return accountData.changePasswordHash(name, expectedHash, newHash);
    }

    @Override
    public CompletableFuture<Void> seen(String name, Instant at) {
      return accountData.seen(name, at);
    }
  };

  final OfflineDmStore offlineDms = new OfflineDmStore() {
    @Override
    public CompletableFuture<Void> keep(String account, StoredDm dm, int max) {
      return keeps.call(() -> offlineData.keep(account, dm, max));
    }

    @Override
    public CompletableFuture<OfflineDms> take(String account) {
      return offlineData.take(account);
    }
  };

  final DmStreamStore dmStreams = new DmStreamStore() {
    @Override
    public CompletableFuture<Entry> append(String account, StoredDm dm, String txn, int keep) {
      return appends.call(() -> streamData.append(account, dm, txn, keep));
    }

    @Override
    public CompletableFuture<Stream> read(String account) {
      return streamData.read(account);
    }
  };

  /** Registers the account {@code name} (no password will match: these accounts log in with tokens). */
  void account(String name) {
    accountData.create(new StoredAccount(name, name, "no password", EmbeddedServer.NOW, null)).join();
  }
}
