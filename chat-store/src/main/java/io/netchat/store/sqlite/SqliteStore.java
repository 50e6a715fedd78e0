package io.netchat.store.sqlite;

import io.netchat.store.AccountStore;
import io.netchat.store.OfflineDmStore;
import io.netchat.store.ChatStore;
import io.netchat.store.RoomMeta;
import io.netchat.store.RoomState;
import io.netchat.store.RuleChange;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreStartupException;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import io.netchat.store.StoredRules;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: {@code data_dir/netchat.db}, SQLite in WAL mode, written by one
 * group-committing {@link Writer} thread, read by one {@link Reader} thread, pruned by a
 * {@link Pruner}. See {@link ChatStore} for the contract and {@code docs/STORE.md} for the design.
 *
 * <p>Opening checks, in order: the data directory can be written; no other process holds it; the
 * file is a readable SQLite database; its schema is not newer than this code. Each refusal is a
 * {@link StoreStartupException} naming the file and what to do. Nothing is read per room.
 */
public final class SqliteStore implements ChatStore {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  /** How long {@link #close()} waits for the writer to commit what is queued. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** Knobs that tests and the benchmark change; the daemon uses {@link #DEFAULT}. */
  record Tuning(Duration pruneInterval, int pruneBatch, UnaryOperator<Connections> wrap) {
    static final Tuning DEFAULT = new Tuning(Pruner.DEFAULT_INTERVAL, Pruner.DEFAULT_BATCH, c -> c);
  }

  private final StoreConfig config;
  private final DataDirectory dir;
  private final Mailbox<Op> writes;
  private final Writer writer;
  private final Thread writerThread;
  private final Reader reader;
  private final Thread readerThread;
  private final Pruner pruner;
  private final SqliteAccounts accounts;
  private final SqliteOfflineDms offlineDms;
  private final SqliteDmStreams dmStreams;
  private final ServerBansTable serverBans;
  /** Rooms opened since start; under async durability the value issues seqs. */
  private final Map<String, AtomicLong> opened = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(StoreConfig config, DataDirectory dir, Tuning tuning) {
    this.config = config;
    this.dir = dir;
    Path db = dir.database();
    Connections writeConnections = tuning.wrap().apply(Connections.to(db, config.durability(), false));
    Connections readConnections = tuning.wrap().apply(Connections.to(db, config.durability(), true));
    this.writes = new Mailbox<>(config.queueCapacity(), op -> op.fail(StoreUnavailableException.closed()));
    this.writer = new Writer(writes, writeConnections, this::endCleanly);
    this.reader = new Reader(config.queueCapacity(), readConnections);
    this.writerThread = new Thread(writer, "netchat-store-writer");
    this.readerThread = new Thread(reader, "netchat-store-reader");
    this.accounts = new SqliteAccounts(tuning.wrap().apply(Connections.to(db, config.durability(), false)),
        config.queueCapacity());
    this.offlineDms = new SqliteOfflineDms(accounts);
    this.dmStreams = new SqliteDmStreams(accounts);
    this.serverBans = new ServerBansTable(accounts);
    this.pruner = config.historyRetention().enabled()
        ? new Pruner(config.historyRetention(), writeConnections, tuning.pruneInterval(),
            tuning.pruneBatch())
        : null;
  }

  /** Opens the store under {@code config.dataDir()}, or refuses with a {@link StoreStartupException}. */
  public static SqliteStore open(StoreConfig config) {
    return open(config, Tuning.DEFAULT);
  }

  static SqliteStore open(StoreConfig config, Tuning tuning) {
    Objects.requireNonNull(config, "config");
    DataDirectory dir = DataDirectory.lock(config.dataDir());
    try {
      NativeLibrary.prepare(dir.path());
      Path db = dir.database();
      checkReadable(db);
      String version = Schema.migrate(db);
      SqliteStore store = new SqliteStore(config, dir, tuning);
      try (Connection c = store.writerConnectionForStart(tuning)) {
        if (CleanStop.begin(c, config.durability())) {
          LOG.warn("{}: the last process ran with durability async and stopped uncleanly; every"
              + " room has a new epoch so clients re-sync", db);
        }
      } catch (SQLException e) {
        throw new StoreStartupException("cannot write to " + db + ": " + e.getMessage()
            + " — check the disk is not full or read-only and the file belongs to the user"
            + " running netchat", e);
      }
      store.start();
      LOG.info("store: {} (schema {}, durability {})", db, version,
          config.durability().name().toLowerCase(java.util.Locale.ROOT));
      return store;
    } catch (RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  private Connection writerConnectionForStart(Tuning tuning) throws SQLException {
    Connection c = tuning.wrap().apply(
        Connections.to(dir.database(), config.durability(), false)).open();
    c.setAutoCommit(false);
    return c;
  }

  /** A file that is not SQLite, or whose header is damaged, fails here rather than mid-service. */
  private static void checkReadable(Path db) {
    try (Connection c = Connections.to(db, StoreConfig.Durability.COMMIT, false).open();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      throw new StoreStartupException("the database file " + db + " is corrupt or not a netchat"
          + " database (" + e.getMessage() + ") — stop netchat, move the file aside, and restore"
          + " the latest backup into its place (see docs/STORE.md, \"Restore\"); moving it aside"
          + " without a backup starts with an empty store", e);
    }
  }

  private void start() {
    writerThread.start();
    readerThread.start();
    accounts.start();
    if (pruner != null) {
      pruner.start();
    }
  }

  @Override
  public CompletableFuture<RoomState> openRoom(String key, String name, Instant created) {
    RoomMeta.checkKey(key);
    Objects.requireNonNull(name, "name");
    long createdMs = created.toEpochMilli();
    CompletableFuture<RoomState> done = new CompletableFuture<>();
    if (!submit(new Op.Open(key, name, createdMs, done))) {
      return done;
    }
    return done.thenApply(state -> {
      AtomicLong seqs = opened.computeIfAbsent(key, k -> new AtomicLong(state.lastSeq()));
      long last = seqs.get();
      return last > state.lastSeq() ? new RoomState(state.meta(), last, state.rules()) : state;
    });
  }

  @Override
  public CompletableFuture<Long> append(String key, String from, String account, String text, Instant ts,
      String txn, boolean action) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    return append(key, StoredMessage.Kind.MESSAGE, from, account, text, ts, txn, action, null);
  }

  @Override
  public CompletableFuture<Long> appendTopic(String key, String topic, String by, Instant ts) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(by, "by");
    return append(key, StoredMessage.Kind.TOPIC, by, null, topic, ts, null, false, null);
  }

  @Override
  public CompletableFuture<Long> appendEvent(String key, String by, String text, Instant ts, RuleChange change) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(text, "text");
    return append(key, StoredMessage.Kind.EVENT, by, null, text, ts, null, false, change);
  }

  @Override
  public CompletableFuture<Void> changeRules(String key, RuleChange change) {
    Objects.requireNonNull(change, "change");
    ChatStore.requireOpened(opened, key);
    CompletableFuture<Void> done = new CompletableFuture<>();
    submit(new Op.Rules(key, change, done));
    return done;
  }

  private CompletableFuture<Long> append(String key, StoredMessage.Kind kind, String from, String account,
      String text, Instant ts, String txn, boolean action, RuleChange change) {
    long tsMs = ts.toEpochMilli();
    AtomicLong seqs = ChatStore.requireOpened(opened, key);
    if (closed.get()) {
      return CompletableFuture.failedFuture(StoreUnavailableException.closed());
    }
    boolean async = config.durability() == StoreConfig.Durability.ASYNC;
    if (async && writer.failing()) {
      return CompletableFuture.failedFuture(new StoreUnavailableException(
          StoreUnavailableException.Reason.DISK, "store writes are failing; see the server log"));
    }
    if (!writes.reserve()) {
      return CompletableFuture.failedFuture(queueFull());
    }
    if (async) {
      long seq = seqs.incrementAndGet();
      writes.put(new Op.Append(key, seq, kind, from, account, text, tsMs, txn, action, change, null));
      return CompletableFuture.completedFuture(seq);
    }
    CompletableFuture<Long> done = new CompletableFuture<>();
    writes.put(new Op.Append(key, 0, kind, from, account, text, tsMs, txn, action, change, done));
    return done;
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit,
      Select select) {
    ChatStore.checkRead(key, afterSeq, limit);
    return reader.submit(key, afterSeq, limit, true, Objects.requireNonNull(select, "select"));
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit,
      Select select) {
    ChatStore.checkRead(key, beforeSeq, limit);
    return reader.submit(key, beforeSeq, limit, false, Objects.requireNonNull(select, "select"));
  }

  @Override
  public CompletableFuture<List<StoredRules.Ban>> serverBans() {
    return serverBans.read();
  }

  @Override
  public CompletableFuture<Void> changeServerBans(RuleChange change) {
    ChatStore.checkServerBanChange(change);
    return serverBans.change(change);
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public OfflineDmStore offlineDms() {
    return offlineDms;
  }

  @Override
  public io.netchat.store.DmStreamStore dmStreams() {
    return dmStreams;
  }

  @Override
  public StoreConfig.Durability durability() {
    return config.durability();
  }

  @Override
  public Optional<String> notWritableBecause() {
    if (closed.get()) {
      return Optional.of("store closed");
    }
    return writer.failing() ? Optional.of("store not writable: writes to " + dir.database() + " fail") : Optional.empty();
  }

  @Override
  public int queuedWrites() {
    return writes.size();
  }

  @Override
  public void onCommit(LongConsumer listener) {
    writer.onCommit(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void onNewEpoch(ObjLongConsumer<String> listener) {
    writer.onNewEpoch(Objects.requireNonNull(listener, "listener"));
  }

  /** Transactions the writer has committed: with group commit, far fewer than appends. */
  long committedBatches() {
    return writer.committedBatches();
  }

  /** The database file. */
  public Path database() {
    return dir.database();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (pruner != null) {
      pruner.close();
    }
    accounts.close();
    writer.close();
    reader.close();
    join(writerThread);
    join(readerThread);
    dir.close();
  }

  private void endCleanly(Link link) {
    if (writer.hasLostRooms()) {
      return; // keep the mark: the next start gives every room a new epoch
    }
    try {
      CleanStop.end(link);
    } catch (SQLException e) {
      LOG.warn("store: could not mark {} closed cleanly ({}); the next start treats it as unclean",
          dir.database(), e.toString());
    }
  }

  private boolean submit(Op op) {
    if (closed.get()) {
      op.fail(StoreUnavailableException.closed());
      return false;
    }
    if (!writes.offer(op)) {
      op.fail(queueFull());
      return false;
    }
    return true;
  }

  private static void join(Thread t) {
    try {
      t.join(CLOSE_WAIT.toMillis());
      if (t.isAlive()) {
        LOG.error("store: {} did not stop within {} s", t.getName(), CLOSE_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static StoreUnavailableException queueFull() {
    return new StoreUnavailableException(StoreUnavailableException.Reason.QUEUE_FULL,
        "store write queue full");
  }
}
