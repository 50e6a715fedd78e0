package io.netchat.store.sqlite;

import io.netchat.store.DmStreamStore;
import io.netchat.store.StoredAccount;
import io.netchat.store.StoredDm;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code dm_streams} and {@code dm_stream_entries} tables (schema V22), on the accounts'
 * thread and connection: an append numbers the dm, writes it and drops the entries past
 * {@code keep} in one transaction, committed before its future completes, so the appends of one
 * account are numbered in the order they were made and a seq is never issued twice.
 */
final class SqliteDmStreams implements DmStreamStore {

  private static final String STREAM = "SELECT epoch, last_seq FROM dm_streams WHERE account = ?";
  private static final String SAVE_STREAM = "INSERT INTO dm_streams (account, epoch, last_seq) VALUES (?, ?, ?)"
      + " ON CONFLICT (account) DO UPDATE SET last_seq = excluded.last_seq";
  private static final String INSERT = "INSERT INTO dm_stream_entries"
      + " (account, seq, sender, sender_account, recipient, text, ts, msgid, txn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DROP_OLD = "DELETE FROM dm_stream_entries WHERE account = ? AND seq <= ?";
  private static final String READ = "SELECT seq, sender, sender_account, recipient, text, ts, msgid, txn"
      + " FROM dm_stream_entries WHERE account = ? ORDER BY seq";

  private final SqliteAccounts thread;

  SqliteDmStreams(SqliteAccounts thread) {
    this.thread = thread;
  }

  /** A stream's epoch and last seq, as stored. */
  private record Head(String epoch, long lastSeq) {}

  @Override
  public CompletableFuture<Entry> append(String account, StoredDm dm, String txn, int keep) {
    DmStreamStore.checkAppend(account, dm, keep);
    return thread.write("dm stream write", link -> {
      Head head = head(link, account);
      String epoch = head == null ? DmStreamStore.newEpoch() : head.epoch();
      long seq = head == null ? 1 : head.lastSeq() + 1;
      PreparedStatement save = link.prepare(SAVE_STREAM);
      save.setString(1, account);
      save.setLong(2, Long.parseLong(epoch));
      save.setLong(3, seq);
      save.executeUpdate();
      PreparedStatement insert = link.prepare(INSERT);
      insert.setString(1, account);
      insert.setLong(2, seq);
      insert.setString(3, dm.from());
      insert.setString(4, dm.account());
      insert.setString(5, dm.to());
      insert.setString(6, dm.text());
      insert.setLong(7, dm.ts().toEpochMilli());
      insert.setString(8, dm.msgid());
      insert.setString(9, txn);
      insert.executeUpdate();
      if (seq > keep) {
        PreparedStatement drop = link.prepare(DROP_OLD);
        drop.setString(1, account);
        drop.setLong(2, seq - keep);
        drop.executeUpdate();
      }
      return new Entry(seq, epoch, dm, txn);
    });
  }

  @Override
  public CompletableFuture<Stream> read(String account) {
    StoredAccount.checkName(account);
    return thread.write("dm stream read", link -> {
      Head head = head(link, account);
      if (head == null) {
        return new Stream(DmStreamStore.newEpoch(), 0, List.of());
      }
      PreparedStatement read = link.prepare(READ);
      read.setString(1, account);
      List<Entry> held = new ArrayList<>();
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          StoredDm dm = new StoredDm(rs.getString(2), rs.getString(4), rs.getString(5),
              Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getString(3));
          held.add(new Entry(rs.getLong(1), head.epoch(), dm, rs.getString(8)));
        }
      }
      return new Stream(head.epoch(), head.lastSeq(), held);
    });
  }

  private static Head head(Link link, String account) throws SQLException {
    PreparedStatement ps = link.prepare(STREAM);
    ps.setString(1, account);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Head(Long.toString(rs.getLong(1)), rs.getLong(2)) : null;
    }
  }
}
