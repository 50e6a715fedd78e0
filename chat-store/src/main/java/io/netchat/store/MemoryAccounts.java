package io.netchat.store;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Accounts in the heap, until the process ends (the {@code memory} store). Every future is complete
 * when returned. At most {@code maxAccounts} are kept: past that, {@code create} fails with
 * {@link StoreUnavailableException} rather than grow the heap.
 */
public final class MemoryAccounts implements AccountStore {

  /** Accounts the memory store keeps at most. */
  public static final int DEFAULT_MAX_ACCOUNTS = 100_000;

  private final ConcurrentHashMap<String, StoredAccount> accounts = new ConcurrentHashMap<>();
  private final int maxAccounts;
  private final BooleanSupplier closed;

  /** Accounts of a store that is closed when {@code closed} says so. */
  public MemoryAccounts(int maxAccounts, BooleanSupplier closed) {
    if (maxAccounts < 1) {
      throw new IllegalArgumentException("maxAccounts must be >= 1, got " + maxAccounts);
    }
    this.maxAccounts = maxAccounts;
    this.closed = Objects.requireNonNull(closed, "closed");
  }

  @Override
  public CompletableFuture<StoredAccount> find(String name) {
    StoredAccount.checkName(name);
    return closed.getAsBoolean() ? failed() : CompletableFuture.completedFuture(accounts.get(name));
  }

  @Override
  public CompletableFuture<Boolean> create(StoredAccount account) {
    Objects.requireNonNull(account, "account");
    if (closed.getAsBoolean()) {
      return failed();
    }
    if (accounts.size() >= maxAccounts) {
      return CompletableFuture.failedFuture(new StoreUnavailableException(
          StoreUnavailableException.Reason.QUEUE_FULL, "the memory store holds " + maxAccounts + " accounts already"));
    }
    return CompletableFuture.completedFuture(accounts.putIfAbsent(account.name(), account) == null);
  }

  @Override
  public CompletableFuture<Boolean> changePasswordHash(String name, String expectedHash, String newHash) {
    StoredAccount.checkName(name);
    Objects.requireNonNull(expectedHash, "expectedHash");
    Objects.requireNonNull(newHash, "newHash");
    if (closed.getAsBoolean()) {
      return failed();
    }
    boolean[] changed = {false};
    accounts.computeIfPresent(name, (key, account) -> {
      if (!account.passwordHash().equals(expectedHash)) {
        return account;
      }
      changed[0] = true;
      return account.withPasswordHash(newHash);
    });
    return CompletableFuture.completedFuture(changed[0]);
  }

  @Override
  public CompletableFuture<Void> seen(String name, Instant at) {
    StoredAccount.checkName(name);
    Objects.requireNonNull(at, "at");
    if (closed.getAsBoolean()) {
      return failed();
    }
    accounts.computeIfPresent(name, (key, account) -> account.seenAt(at));
    return CompletableFuture.completedFuture(null);
  }

  private static <T> CompletableFuture<T> failed() {
    return CompletableFuture.failedFuture(StoreUnavailableException.closed());
  }
}
