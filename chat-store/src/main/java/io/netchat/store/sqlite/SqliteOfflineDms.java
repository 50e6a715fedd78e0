package io.netchat.store.sqlite;

import io.netchat.store.OfflineDmStore;
import io.netchat.store.OfflineDms;
import io.netchat.store.StoredAccount;
import io.netchat.store.StoredDm;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code offline_dms} and {@code offline_dm_drops} tables (schema V20; the sender's account V21), on the accounts'
 * thread and connection: a dm is kept, or an account's dms taken, in one transaction each, one
 * after the other, so a take hands each dm out once even when two logins ask at the same time.
 */
final class SqliteOfflineDms implements OfflineDmStore {

  private static final String INSERT =
      "INSERT INTO offline_dms (account, sender, recipient, text, ts, msgid, sender_account)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String COUNT = "SELECT COUNT(*) FROM offline_dms WHERE account = ?";
  private static final String DROP_OLDEST = "DELETE FROM offline_dms WHERE id IN"
      + " (SELECT id FROM offline_dms WHERE account = ? ORDER BY id LIMIT ?)";
  private static final String COUNT_DROPS = "INSERT INTO offline_dm_drops (account, dropped) VALUES (?, ?)"
      + " ON CONFLICT (account) DO UPDATE SET dropped = dropped + excluded.dropped";
  private static final String READ =
      "SELECT sender, recipient, text, ts, msgid, sender_account FROM offline_dms WHERE account = ? ORDER BY id";
  private static final String READ_DROPS = "SELECT dropped FROM offline_dm_drops WHERE account = ?";
  private static final String DELETE = "DELETE FROM offline_dms WHERE account = ?";
  private static final String DELETE_DROPS = "DELETE FROM offline_dm_drops WHERE account = ?";

  private final SqliteAccounts thread;

  SqliteOfflineDms(SqliteAccounts thread) {
    this.thread = thread;
  }

  @Override
  public CompletableFuture<Void> keep(String account, StoredDm dm, int max) {
    OfflineDmStore.checkKeep(account, dm, max);
    return thread.write("offline dm write", link -> {
      PreparedStatement insert = link.prepare(INSERT);
      insert.setString(1, account);
      insert.setString(2, dm.from());
      insert.setString(3, dm.to());
      insert.setString(4, dm.text());
      insert.setLong(5, dm.ts().toEpochMilli());
      insert.setString(6, dm.msgid());
      insert.setString(7, dm.account());
      insert.executeUpdate();
      long over = count(link, COUNT, account) - max;
      if (over > 0) {
        PreparedStatement drop = link.prepare(DROP_OLDEST);
        drop.setString(1, account);
        drop.setLong(2, over);
        drop.executeUpdate();
        PreparedStatement counted = link.prepare(COUNT_DROPS);
        counted.setString(1, account);
        counted.setLong(2, over);
        counted.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<OfflineDms> take(String account) {
    StoredAccount.checkName(account);
    return thread.write("offline dm take", link -> {
      PreparedStatement read = link.prepare(READ);
      read.setString(1, account);
      List<StoredDm> dms = new ArrayList<>();
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          dms.add(new StoredDm(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
              rs.getString(5), rs.getString(6)));
        }
      }
      long dropped = count(link, READ_DROPS, account);
      if (dms.isEmpty() && dropped == 0) {
        return OfflineDms.NONE;
      }
      for (String delete : List.of(DELETE, DELETE_DROPS)) {
        PreparedStatement ps = link.prepare(delete);
        ps.setString(1, account);
        ps.executeUpdate();
      }
      return new OfflineDms(dms, dropped);
    });
  }

  /** The first column of the first row of {@code sql} for {@code account}, or 0 when there is none. */
  private static long count(Link link, String sql, String account) throws java.sql.SQLException {
    PreparedStatement ps = link.prepare(sql);
    ps.setString(1, account);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
