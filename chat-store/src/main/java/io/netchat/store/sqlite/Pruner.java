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
 * Applies {@code history_retention} in the background: deletes at most {@code batch} rows per
 * transaction — first those older than {@code max_age}, then, room by room, those beyond the
 * newest {@code max_per_room} — and after each batch pauses as long as the batch took, so pruning
 * takes at most about half of the disk's time from the writer (crude but honest backpressure).
 * When a pass finds nothing more to delete it waits {@code interval} before the next one.
 */
final class Pruner implements AutoCloseable {

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final int DEFAULT_BATCH = 1000;
  private static final int ROOMS_PER_STEP = 100;

  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
  private static final String BY_AGE = "DELETE FROM messages WHERE (room, seq) IN"
      + " (SELECT room, seq FROM messages WHERE ts < ? LIMIT ?)";
  private static final String ROOMS_OVER = "SELECT key, last_seq FROM rooms"
      + " WHERE key > ? AND last_seq > ? ORDER BY key LIMIT " + ROOMS_PER_STEP;
  private static final String BY_COUNT = "DELETE FROM messages WHERE (room, seq) IN"
      + " (SELECT room, seq FROM messages WHERE room = ? AND seq <= ? ORDER BY seq LIMIT ?)";

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
    this.link = new Link(connections, true);
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
      more = pruneOneBatch();
      link.commit();
    } catch (SQLException | RuntimeException e) {
      link.reset();
      LOG.warn("history retention: a batch failed, retrying after {} s: {}",
          interval.toSeconds(), e.toString());
      more = false;
      roomCursor = null;
    }
    long tookNanos = System.nanoTime() - start;
    if (more) {
      schedule(Math.max(tookNanos, TimeUnit.MILLISECONDS.toNanos(1)));
    } else {
      schedule(interval.toNanos());
    }
  }

  private void schedule(long nanos) {
    if (!thread.isShutdown()) {
      thread.schedule(this::step, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Deletes up to {@code batch} rows; returns whether more may remain in this pass. */
  private boolean pruneOneBatch() throws SQLException {
    int budget = batch;
    if (roomCursor == null && !retention.maxAge().isZero()) {
      PreparedStatement ps = link.prepare(BY_AGE);
      ps.setLong(1, System.currentTimeMillis() - retention.maxAge().toMillis());
      ps.setInt(2, budget);
      budget -= ps.executeUpdate();
      if (budget == 0) {
        return true;
      }
    }
    if (retention.maxPerRoom() == 0) {
      return false;
    }
    String cursor = roomCursor == null ? "" : roomCursor;
    while (budget > 0) {
      List<String> keys = new ArrayList<>();
      List<Long> lastSeqs = new ArrayList<>();
      PreparedStatement rooms = link.prepare(ROOMS_OVER);
      rooms.setString(1, cursor);
      rooms.setLong(2, retention.maxPerRoom());
      try (ResultSet rs = rooms.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
          lastSeqs.add(rs.getLong(2));
        }
      }
      if (keys.isEmpty()) {
        roomCursor = null;
        return false;
      }
      for (int i = 0; i < keys.size() && budget > 0; i++) {
        PreparedStatement ps = link.prepare(BY_COUNT);
        ps.setString(1, keys.get(i));
        ps.setLong(2, lastSeqs.get(i) - retention.maxPerRoom());
        ps.setInt(3, budget);
        int deleted = ps.executeUpdate();
        budget -= deleted;
        // a room whose deletions filled the budget is revisited from its own key next batch
        cursor = budget == 0 ? previousKey(keys, i, cursor) : keys.get(i);
      }
    }
    roomCursor = cursor;
    return true;
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
