package io.netchat.server;

import io.netchat.store.AccountStore;
import io.netchat.store.DmStreamStore;
import io.netchat.store.MemoryAccounts;
import io.netchat.store.MemoryDmStreams;
import io.netchat.store.MemoryOfflineDms;
import io.netchat.store.OfflineDmStore;
import io.netchat.store.OfflineDms;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredAccount;
import io.netchat.store.StoredDm;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A server's account, offline-dm and dm-stream stores on the heap, where the test may hold back
 * the account lookups ({@link #accountReads}), the offline keeps ({@link #keeps}) and the stream
 * appends ({@link #appends}), then let each through or refuse it in call order, as a slow or failing
 * disk would. Used on the test thread only (with embedded channels).
 */
final class HeldStores {
  /** {@code AccountStore.find}: whether a nick is an account, and a password login's first step. */
  final Gate accountReads = new Gate();
  /** {@code OfflineDmStore.keep}: a dm kept for an account with no session. */
  final Gate keeps = new Gate();
  /** {@code DmStreamStore.append}: a dm added to an account's stream. */
  final Gate appends = new Gate();

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

  /** Calls of one kind, answered at once until {@link #hold}, then only when the test says. */
  static final class Gate {
    private record Call(Runnable answer, CompletableFuture<?> done) {}

    private final ArrayDeque<Call> calls = new ArrayDeque<>();
    private boolean holding;

    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
      if (!holding) {
        return work.get();
      }
      CompletableFuture<T> done = new CompletableFuture<>();
      calls.add(new Call(() -> work.get().whenComplete((value, failure) -> {
        if (failure != null) {
          done.completeExceptionally(failure);
        } else {
          done.complete(value);
        }
      }), done));
      return done;
    }

    /** From now on each call waits for {@link #letNext} or {@link #failNext}. */
    void hold() {
      holding = true;
    }

    /** Calls answer at once again; those waiting still wait. */
    void release() {
      holding = false;
    }

    /** Answers the oldest waiting call from the heap. */
    void letNext() {
      calls.remove().answer().run();
    }

    /** Refuses the oldest waiting call as a failing disk would. */
    void failNext() {
      calls.remove().done().completeExceptionally(
          new StoreUnavailableException(StoreUnavailableException.Reason.DISK, "test: the disk failed"));
    }

    int waiting() {
      return calls.size();
    }
  }
}
