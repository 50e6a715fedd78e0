package io.netchat.store.sqlite;

import io.netchat.store.StoreConfig;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code history_retention} in the background: room by room, deletes the messages older
 * than {@code max_age} or beyond the newest {@code max_per_room}, at most {@code batch} rows per
 * transaction, and after each batch pauses as long as the batch took, so pruning
 * takes at most about half of the disk's time from the writer (crude but honest backpressure).
 * When a pass finds nothing more to delete it waits {@code interval} before the next one.
 */
final class Pruner implements AutoCloseable {

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final int DEFAULT_BATCH = 1000;
  private static final int ROOMS_PER_STEP = 100;

  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
  private static final String ROOMS = "SELECT key, last_seq FROM rooms"
      + " WHERE key > ? AND last_seq > ? ORDER BY key LIMIT " + ROOMS_PER_STEP;
  /** The first seq young enough to keep: walks the room's oldest rows only. */
  private static final String FIRST_YOUNG =
      "SELECT seq FROM messages WHERE room = ? AND seq >= ? AND ts >= ? ORDER BY seq LIMIT 1";
  private static final String DELETE_OLDER = "DELETE FROM messages WHERE (room, seq) IN"
      + " (SELECT room, seq FROM messages WHERE room = ? AND seq < ? ORDER BY seq LIMIT ?)";

  private final StoreConfig.Retention retention;
  private final Link link;
  private final Duration interval;
  private final int batch;
  private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "netchat-store-retention");
    t.setDaemon(true);
    return t;
  });
  /** Where the count rule goes on: rooms with keys after this one; null while pruning by age. */
  private String roomCursor;

  Pruner(StoreConfig.Retention retention, Connections connections, Duration interval, int batch) {
    this.retention = retention;
    this.link = new Link(connections);
    this.interval = interval;
    this.batch = batch;
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  void start() {
    thread.schedule(this::step, 0, TimeUnit.MILLISECONDS);
  }

  private void step() {
    long start = System.nanoTime();
    boolean more;
    try {
      link.begin();
      more = pruneOneBatch();
      link.commit();
    } catch (SQLException | RuntimeException e) {
      link.reset();
      LOG.warn("history retention: a batch failed, retrying after {} s: {}",
          interval.toSeconds(), e.toString());
      more = false;
      roomCursor = null;
    }
    schedule(nextDelayNanos(more, System.nanoTime() - start, interval));
  }

  /**
   * The pause before the next batch: as long as the last one took while a pass goes on (at least
   * 1 ms), so pruning takes at most about half of the writer's disk time; a full interval when
   * the pass is done.
   */
  static long nextDelayNanos(boolean more, long tookNanos, Duration interval) {
    return more ? Math.max(tookNanos, TimeUnit.MILLISECONDS.toNanos(1)) : interval.toNanos();
  }

  private void schedule(long nanos) {
    if (!thread.isShutdown()) {
      thread.schedule(this::step, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Deletes up to {@code batch} rows from up to {@value #ROOMS_PER_STEP} rooms, so one transaction
   * never holds the write lock for long; returns whether the pass has more to do.
   */
  private boolean pruneOneBatch() throws SQLException {
    long ageCutoff = retention.maxAge().isZero()
        ? Long.MIN_VALUE : System.currentTimeMillis() - retention.maxAge().toMillis();
    // with only a count rule, rooms that never exceeded it are skipped by the query
    long minLastSeq = ageCutoff == Long.MIN_VALUE ? retention.maxPerRoom() : 0;
    int budget = batch;
    String cursor = roomCursor == null ? "" : roomCursor;
    List<String> keys = new ArrayList<>();
    List<Long> lastSeqs = new ArrayList<>();
    PreparedStatement rooms = link.prepare(ROOMS);
    rooms.setString(1, cursor);
    rooms.setLong(2, minLastSeq);
    try (ResultSet rs = rooms.executeQuery()) {
      while (rs.next()) {
        keys.add(rs.getString(1));
        lastSeqs.add(rs.getLong(2));
      }
    }
    for (int i = 0; i < keys.size() && budget > 0; i++) {
      long keepFrom = keepFrom(keys.get(i), lastSeqs.get(i), ageCutoff);
      PreparedStatement delete = link.prepare(DELETE_OLDER);
      delete.setString(1, keys.get(i));
      delete.setLong(2, keepFrom);
      delete.setInt(3, budget);
      budget -= delete.executeUpdate();
      // a room whose deletions filled the budget is revisited from its own key next batch
      cursor = budget == 0 ? previousKey(keys, i, cursor) : keys.get(i);
    }
    if (budget > 0 && keys.size() < ROOMS_PER_STEP) {
      roomCursor = null; // the last rooms of the pass, and nothing left to delete in them
      return false;
    }
    roomCursor = cursor;
    return true;
  }

  /** The oldest seq of the room that both rules keep. */
  private long keepFrom(String key, long lastSeq, long ageCutoff) throws SQLException {
    long keep = retention.maxPerRoom() > 0 ? lastSeq - retention.maxPerRoom() + 1 : 1;
    if (ageCutoff == Long.MIN_VALUE) {
      return keep;
    }
    PreparedStatement ps = link.prepare(FIRST_YOUNG);
    ps.setString(1, key);
    ps.setLong(2, keep);
    ps.setLong(3, ageCutoff);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : lastSeq + 1;
    }
  }

  /** The cursor that makes the next batch start at room {@code i} again. */
  private static String previousKey(List<String> keys, int i, String cursor) {
    return i == 0 ? cursor : keys.get(i - 1);
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    link.close();
  }
}
