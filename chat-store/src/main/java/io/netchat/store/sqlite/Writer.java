package io.netchat.store.sqlite;

import io.netchat.store.RoomMeta;
import io.netchat.store.RoomState;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes. It drains the mailbox in batches of up to {@link #MAX_BATCH} ops
 * (messages, topic changes, room opens) from any number of rooms and applies each batch in one
 * transaction (group commit: one WAL sync for the whole batch). Only after the commit are the batch's futures completed, in queue order.
 *
 * <p>A failed batch (read-only file, disk full, I/O error) is rolled back; its ops fail with
 * {@link StoreUnavailableException.Reason#DISK}, the connection is dropped, and the next batch
 * opens a new one — so the writer keeps running and recovers by itself when the disk does.
 *
 * <p>Seqs: with commit durability the writer issues them here, in commit order, from the stored
 * {@code last_seq}; a rolled-back batch issued nothing, so no seq is ever seen twice. With async
 * durability the caller issued them already; a batch that fails after its messages were answered
 * lost them, so the writer gives each such room a new epoch at once — it tells the
 * {@linkplain #onNewEpoch listener}, so the room in memory takes it — and writes it in the next
 * transaction.
 */
final class Writer implements Runnable {

  static final int MAX_BATCH = 1024;
  /** Rooms whose last seq the writer remembers; others are read back from {@code rooms}. */
  static final int SEQ_CACHE = 65_536;

  /** While failing and idle, the writer tries a write this often to notice the disk is back. */
  static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
  private static final String SELECT_ROOM =
      "SELECT name, topic, topic_by, created, epoch, last_seq FROM rooms WHERE key = ?";
  private static final String INSERT_ROOM =
      "INSERT INTO rooms (key, name, created, epoch) VALUES (?, ?, ?, ?)";
  private static final String SAVE_TOPIC = "UPDATE rooms SET topic = ?, topic_by = ? WHERE key = ?";
  private static final String LAST_SEQ = "SELECT last_seq FROM rooms WHERE key = ?";
  private static final String SET_LAST_SEQ =
      "UPDATE rooms SET last_seq = max(last_seq, ?) WHERE key = ?";
  private static final String INSERT_MESSAGE =
      "INSERT INTO messages (room, seq, kind, sender, text, ts, txn, action, account)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String NEW_EPOCH = "UPDATE rooms SET epoch = ? WHERE key = ?";
  private static final String PROBE =
      "INSERT OR REPLACE INTO store_state (key, value) VALUES ('probe', '1')";

  private final Mailbox<Op> mailbox;
  private final Link link;
  private final RulesTables rules;
  private final Map<String, Long> lastSeq = new LinkedHashMap<>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > SEQ_CACHE;
    }
  };
  /** Rooms that lost acknowledged (async) events, and the new epoch each was given, until committed. */
  private final Map<String, Long> lostRooms = new HashMap<>();
  private volatile ObjLongConsumer<String> newEpochs = (key, epoch) -> { };
  private volatile LongConsumer commits = nanos -> { };
  private final java.util.function.Consumer<Link> onExit;
  private volatile boolean closing;
  private long failedBatches;
  private long lastAttemptNanos;
  private volatile boolean failing;
  private volatile long committedBatches;

  Writer(Mailbox<Op> mailbox, Connections connections, java.util.function.Consumer<Link> onExit) {
    this.mailbox = mailbox;
    this.link = new Link(connections);
    this.rules = new RulesTables(link);
    this.onExit = onExit;
  }

  /** Asks the writer to commit what is queued and stop. */
  void close() {
    closing = true;
    mailbox.wake();
  }

  /** True from a failed batch until the next one commits: the disk is known to be failing. */
  boolean failing() {
    return failing;
  }

  /** Transactions committed so far (one per batch, however many rooms and ops it held). */
  long committedBatches() {
    return committedBatches;
  }

  /** Tells {@code listener} (on this thread) how long each committed batch's transaction took, in nanoseconds. */
  void onCommit(LongConsumer listener) {
    commits = listener;
  }

  /** Tells {@code listener} (on this thread) each room's new epoch when it loses acknowledged events. */
  void onNewEpoch(ObjLongConsumer<String> listener) {
    newEpochs = listener;
  }

  /** Whether some async-acknowledged messages were lost and their rooms' epochs not yet changed. */
  boolean hasLostRooms() {
    return !lostRooms.isEmpty();
  }

  @Override
  public void run() {
    mailbox.consumer(Thread.currentThread());
    List<Op> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (!(closing && mailbox.isEmpty())) {
        if (mailbox.drainTo(batch, MAX_BATCH) == 0) {
          mailbox.awaitItems(100, TimeUnit.MILLISECONDS);
          if (failing && System.nanoTime() - lastAttemptNanos >= PROBE_INTERVAL_NANOS) {
            apply(batch); // an empty batch: a probe write that ends the failing state
          }
          continue;
        }
        apply(batch);
        batch.clear();
      }
      onExit.accept(link);
    } finally {
      link.close();
      mailbox.shutDown();
    }
  }

  private void apply(List<Op> batch) {
    Map<String, Long> issued = new HashMap<>();
    Object[] results = new Object[batch.size()];
    long started = System.nanoTime();
    lastAttemptNanos = started;
    try {
      link.begin();
      if (batch.isEmpty()) {
        link.prepare(PROBE).executeUpdate();
      }
      for (Map.Entry<String, Long> lost : lostRooms.entrySet()) {
        PreparedStatement ps = link.prepare(NEW_EPOCH);
        ps.setLong(1, lost.getValue());
        ps.setString(2, lost.getKey());
        ps.executeUpdate();
      }
      for (int i = 0; i < batch.size(); i++) {
        results[i] = applyOne(batch.get(i), issued);
      }
      if (!issued.isEmpty()) {
        link.prepare(INSERT_MESSAGE).executeBatch();
      }
      PreparedStatement setLast = link.prepare(SET_LAST_SEQ);
      for (Map.Entry<String, Long> e : issued.entrySet()) {
        setLast.setLong(1, e.getValue());
        setLast.setString(2, e.getKey());
        setLast.addBatch();
      }
      setLast.executeBatch();
      link.commit();
    } catch (SQLException | RuntimeException e) {
      link.reset();
      failBatch(batch, e);
      return;
    }
    if (failedBatches > 0) {
      LOG.info("store writer recovered after {} failed batches", failedBatches);
      failedBatches = 0;
      failing = false;
    }
    if (!batch.isEmpty()) { // a probe is not a commit anyone waits for
      try {
        commits.accept(System.nanoTime() - started);
      } catch (RuntimeException listenersFault) {
        LOG.warn("store writer: the commit listener failed: {}", listenersFault.toString());
      }
    }
    committedBatches++; // only this thread writes it
    lostRooms.clear();
    lastSeq.putAll(issued);
    complete(batch, results);
  }

  private Object applyOne(Op op, Map<String, Long> issued) throws SQLException {
    if (op instanceof Op.Append a) {
      long seq = a.seq() != 0 ? a.seq() : nextSeq(a.key(), issued);
      issued.merge(a.key(), seq, Math::max);
      PreparedStatement ps = link.prepare(INSERT_MESSAGE);
      ps.setString(1, a.key());
      ps.setLong(2, seq);
      ps.setString(3, Schema.kind(a.kind()));
      ps.setString(4, a.from());
      ps.setString(5, a.text());
      ps.setLong(6, a.ts());
      ps.setString(7, a.txn());
      ps.setInt(8, a.action() ? 1 : 0);
      ps.setString(9, a.account());
      ps.addBatch(); // run once per batch, before the commit; nothing in the batch reads messages
      if (a.kind() == StoredMessage.Kind.TOPIC) {
        PreparedStatement topic = link.prepare(SAVE_TOPIC); // same transaction as its event
        topic.setString(1, a.text());
        topic.setString(2, a.from());
        topic.setString(3, a.key());
        topic.executeUpdate();
      }
      if (a.change() != null) {
        rules.apply(a.key(), a.change()); // same transaction as its event
      }
      return seq;
    }
    if (op instanceof Op.Rules r) {
      rules.apply(r.key(), r.change());
      return null;
    }
    return open((Op.Open) op, issued);
  }

  private long nextSeq(String key, Map<String, Long> issued) throws SQLException {
    Long last = issued.get(key);
    if (last == null) {
      last = lastSeq.get(key);
    }
    if (last == null) {
      PreparedStatement ps = link.prepare(LAST_SEQ);
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("room " + key + " is not in the store");
        }
        last = rs.getLong(1);
      }
    }
    return last + 1;
  }

  private RoomState open(Op.Open o, Map<String, Long> issued) throws SQLException {
    PreparedStatement select = link.prepare(SELECT_ROOM);
    select.setString(1, o.key());
    try (ResultSet rs = select.executeQuery()) {
      if (rs.next()) {
        RoomMeta meta = new RoomMeta(o.key(), rs.getString(1), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5));
        long last = Math.max(rs.getLong(6), issued.getOrDefault(o.key(), 0L));
        return new RoomState(meta, last, rules.read(o.key()));
      }
    }
    long epoch = RoomMeta.newEpoch(0);
    PreparedStatement insert = link.prepare(INSERT_ROOM);
    insert.setString(1, o.key());
    insert.setString(2, o.name());
    insert.setLong(3, o.createdMs());
    insert.setLong(4, epoch);
    insert.executeUpdate();
    return new RoomState(
        new RoomMeta(o.key(), o.name(), "", "", Instant.ofEpochMilli(o.createdMs()), epoch), 0);
  }

  private void failBatch(List<Op> batch, Exception e) {
    failing = true;
    if (failedBatches++ == 0) {
      LOG.error("store writer: a batch of {} ops failed, answering 'unavailable' until the disk"
          + " works again: {}", batch.size(), e.toString());
    }
    StoreUnavailableException failure = new StoreUnavailableException(
        StoreUnavailableException.Reason.DISK, "store write failed: " + e.getMessage(), e);
    Set<String> lost = new HashSet<>();
    for (Op op : batch) {
      if (op instanceof Op.Append a && a.done() == null) {
        lost.add(a.key());
      }
      op.fail(failure);
    }
    if (!lost.isEmpty()) {
      LOG.error("store writer: acknowledged (async) messages were lost in rooms {}; their epochs"
          + " change so clients re-sync", lost);
    }
    // A fresh epoch on every loss: events acknowledged under an epoch announced after an earlier
    // loss may be lost again before it is committed.
    ObjLongConsumer<String> listener = newEpochs;
    for (String key : lost) {
      long epoch = RoomMeta.newEpoch(0);
      lostRooms.put(key, epoch);
      try {
        listener.accept(key, epoch);
      } catch (RuntimeException listenersFault) {
        LOG.warn("store writer: the new-epoch listener failed for room {}: {}", key, listenersFault.toString());
      }
    }
  }

  /** Completes the batch's futures in order; a caller's continuation that throws harms no other. */
  private static void complete(List<Op> batch, Object[] results) {
    for (int i = 0; i < batch.size(); i++) {
      Op op = batch.get(i);
      try {
        if (op instanceof Op.Append a) {
          if (a.done() != null) {
            a.done().complete((Long) results[i]);
          }
        } else if (op instanceof Op.Rules r) {
          r.done().complete(null);
        } else {
          ((Op.Open) op).done().complete((RoomState) results[i]);
        }
      } catch (RuntimeException callersContinuation) {
        LOG.warn("store writer: a continuation of a committed write failed: {}", callersContinuation.toString());
      }
    }
  }
}
