package io.netchat.store.sqlite;

import io.netchat.store.ChatStore;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The thread that answers history reads, on its own read-only connection (WAL lets it read while
 * the writer writes). Its queue is bounded like the writer's; a failed read drops the connection
 * and fails with {@link StoreUnavailableException.Reason#DISK}.
 */
final class Reader implements Runnable {

  private static final String COLUMNS = "SELECT seq, kind, sender, text, ts, txn, action, account FROM messages WHERE room = ?";
  private static final String ONLY_MESSAGES = " AND kind = 'message'";
  private static final String AFTER = " AND seq > ? ORDER BY seq LIMIT ?";
  private static final String BEFORE = " AND seq < ? ORDER BY seq DESC LIMIT ?";
  private static final String EVENTS_AFTER = COLUMNS + AFTER;
  private static final String EVENTS_BEFORE = COLUMNS + BEFORE;
  private static final String MESSAGES_AFTER = COLUMNS + ONLY_MESSAGES + AFTER;
  private static final String MESSAGES_BEFORE = COLUMNS + ONLY_MESSAGES + BEFORE;

  private record Read(String key, long seq, int limit, boolean after, ChatStore.Select select,
      CompletableFuture<List<StoredMessage>> done) {

    String sql() {
      boolean events = select == ChatStore.Select.EVENTS;
      return after ? (events ? EVENTS_AFTER : MESSAGES_AFTER) : (events ? EVENTS_BEFORE : MESSAGES_BEFORE);
    }
  }

  private final Mailbox<Read> mailbox;
  private final Link link;
  private volatile boolean closing;

  Reader(int capacity, Connections connections) {
    this.mailbox = new Mailbox<>(capacity, r -> r.done().completeExceptionally(
        StoreUnavailableException.closed()));
    this.link = new Link(connections);
  }

  /** Queues a read; a full queue fails it at once. */
  CompletableFuture<List<StoredMessage>> submit(String key, long seq, int limit, boolean after,
      ChatStore.Select select) {
    CompletableFuture<List<StoredMessage>> done = new CompletableFuture<>();
    if (closing) {
      done.completeExceptionally(StoreUnavailableException.closed());
    } else if (!mailbox.offer(new Read(key, seq, limit, after, select, done))) {
      done.completeExceptionally(new StoreUnavailableException(
          StoreUnavailableException.Reason.QUEUE_FULL, "history read queue full"));
    }
    return done;
  }

  void close() {
    closing = true;
    mailbox.wake();
  }

  @Override
  public void run() {
    mailbox.consumer(Thread.currentThread());
    List<Read> batch = new ArrayList<>();
    try {
      while (!(closing && mailbox.isEmpty())) {
        if (mailbox.drainTo(batch, 64) == 0) {
          mailbox.awaitItems(100, TimeUnit.MILLISECONDS);
          continue;
        }
        batch.forEach(this::answer);
        batch.clear();
      }
    } finally {
      link.close();
      mailbox.shutDown();
    }
  }

  private void answer(Read r) {
    try {
      PreparedStatement ps = link.prepare(r.sql());
      ps.setString(1, r.key());
      ps.setLong(2, r.seq());
      ps.setInt(3, r.limit());
      List<StoredMessage> out = new ArrayList<>(Math.min(r.limit(), 256));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredMessage(rs.getLong(1), Schema.kind(rs.getString(2)), rs.getString(3),
              rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getInt(7) != 0, rs.getString(8)));
        }
      }
      if (!r.after()) {
        Collections.reverse(out);
      }
      r.done().complete(out);
    } catch (SQLException | RuntimeException e) {
      link.reset();
      r.done().completeExceptionally(new StoreUnavailableException(
          StoreUnavailableException.Reason.DISK, "history read failed: " + e.getMessage(), e));
    }
  }
}
