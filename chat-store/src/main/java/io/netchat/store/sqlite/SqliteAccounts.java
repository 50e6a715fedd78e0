package io.netchat.store.sqlite;

import io.netchat.store.AccountStore;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredAccount;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code accounts} table (schema V2), on a thread and connection of its own: logins are rare
 * next to messages, so they neither wait behind the writer's batches nor hold them up. Each change
 * is its own {@code BEGIN IMMEDIATE} transaction (waiting for the writer's lock up to the busy
 * timeout) and is committed with the store's durability before its future completes. The queue is
 * bounded: a full one fails at once with {@link StoreUnavailableException.Reason#QUEUE_FULL}.
 */
final class SqliteAccounts implements AccountStore {

  private static final String FIND =
      "SELECT display, password_hash, created, last_seen FROM accounts WHERE name = ?";
  private static final String INSERT =
      "INSERT OR IGNORE INTO accounts (name, display, password_hash, created, last_seen) VALUES (?, ?, ?, ?, ?)";
  private static final String CHANGE_HASH =
      "UPDATE accounts SET password_hash = ? WHERE name = ? AND password_hash = ?";
  private static final String SEEN = "UPDATE accounts SET last_seen = ? WHERE name = ?";

  /** A step on the accounts connection; may throw what the driver throws. */
  @FunctionalInterface
  private interface Step<T> {
    T run(Link link) throws SQLException;
  }

  /** A queued step and the future it completes. */
  private record Job<T>(String what, Step<T> step, CompletableFuture<T> done) {
    void run(Link link) {
      try {
        done.complete(step.run(link));
      } catch (SQLException | RuntimeException e) {
        link.reset();
        done.completeExceptionally(new StoreUnavailableException(
            StoreUnavailableException.Reason.DISK, what + " failed: " + e.getMessage(), e));
      }
    }
  }

  private final Link link;
  private final Mailbox<Job<?>> mailbox;
  private final Thread thread;
  private volatile boolean closing;

  SqliteAccounts(Connections connections, int queueCapacity) {
    this.link = new Link(connections);
    this.mailbox = new Mailbox<>(queueCapacity, job -> job.done().completeExceptionally(
        StoreUnavailableException.closed()));
    this.thread = new Thread(this::run, "netchat-store-accounts");
  }

  void start() {
    thread.start();
  }

  @Override
  public CompletableFuture<StoredAccount> find(String name) {
    StoredAccount.checkName(name);
    return submit("account read", link -> {
      PreparedStatement ps = link.prepare(FIND);
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long lastSeen = rs.getLong(4);
        Instant seen = rs.wasNull() ? null : Instant.ofEpochMilli(lastSeen);
        return new StoredAccount(name, rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), seen);
      }
    });
  }

  @Override
  public CompletableFuture<Boolean> create(StoredAccount account) {
    Objects.requireNonNull(account, "account");
    return write("account write", link -> {
      PreparedStatement ps = link.prepare(INSERT);
      ps.setString(1, account.name());
      ps.setString(2, account.display());
      ps.setString(3, account.passwordHash());
      ps.setLong(4, account.created().toEpochMilli());
      if (account.lastSeen() == null) {
        ps.setNull(5, java.sql.Types.INTEGER);
      } else {
        ps.setLong(5, account.lastSeen().toEpochMilli());
      }
      return ps.executeUpdate() == 1;
    });
  }

  @Override
  public CompletableFuture<Boolean> changePasswordHash(String name, String expectedHash, String newHash) {
    StoredAccount.checkName(name);
    Objects.requireNonNull(expectedHash, "expectedHash");
    Objects.requireNonNull(newHash, "newHash");
    return write("account write", link -> {
      PreparedStatement ps = link.prepare(CHANGE_HASH);
      ps.setString(1, newHash);
      ps.setString(2, name);
      ps.setString(3, expectedHash);
      return ps.executeUpdate() == 1;
    });
  }

  @Override
  public CompletableFuture<Void> seen(String name, Instant at) {
    StoredAccount.checkName(name);
    Objects.requireNonNull(at, "at");
    return write("account write", link -> {
      PreparedStatement ps = link.prepare(SEEN);
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, name);
      ps.executeUpdate();
      return null;
    });
  }

  private <T> CompletableFuture<T> write(String what, Step<T> step) {
    return submit(what, link -> {
      link.begin();
      T result = step.run(link);
      link.commit();
      return result;
    });
  }

  private <T> CompletableFuture<T> submit(String what, Step<T> step) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(StoreUnavailableException.closed());
    } else if (!mailbox.offer(new Job<>(what, step, done))) {
      done.completeExceptionally(
          new StoreUnavailableException(StoreUnavailableException.Reason.QUEUE_FULL, "account queue full"));
    }
    return done;
  }

  private void run() {
    mailbox.consumer(Thread.currentThread());
    List<Job<?>> batch = new ArrayList<>();
    try {
      while (!(closing && mailbox.isEmpty())) {
        if (mailbox.drainTo(batch, 64) == 0) {
          mailbox.awaitItems(100, TimeUnit.MILLISECONDS);
          continue;
        }
        batch.forEach(job -> job.run(link));
        batch.clear();
      }
    } finally {
      link.close();
      mailbox.shutDown();
    }
  }

  /** Finishes what is queued, then closes the connection; blocks (the shutdown path only). */
  void close() {
    closing = true;
    mailbox.wake();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
