package io.netchat.store.sqlite;

import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code server_bans} table (schema V25) on the accounts' thread and connection: server-wide
 * bans are rare admin acts next to messages, so they never wait behind the writer's batches. Each
 * change is one transaction, committed with the store's durability before its future completes.
 */
final class ServerBansTable {
  private static final String SELECT = "SELECT mask, set_by, reason, created, expires FROM server_bans ORDER BY mask";
  private static final String PUT = "INSERT OR REPLACE INTO server_bans (mask, set_by, reason, created, expires)"
      + " VALUES (?, ?, ?, ?, ?)";
  private static final String DROP_EXPIRED = "DELETE FROM server_bans WHERE expires IS NOT NULL AND expires <= ?";
  private static final String DELETE = "DELETE FROM server_bans WHERE mask = ?";

  private final SqliteAccounts thread;

  ServerBansTable(SqliteAccounts thread) {
    this.thread = thread;
  }

  CompletableFuture<List<StoredRules.Ban>> read() {
    return thread.write("server ban read", link -> {
      List<StoredRules.Ban> bans = new ArrayList<>();
      try (ResultSet rs = link.prepare(SELECT).executeQuery()) {
        while (rs.next()) {
          long expires = rs.getLong(5);
          Instant ends = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
          bans.add(new StoredRules.Ban(rs.getString(1), rs.getString(2), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)), ends));
        }
      }
      return bans;
    });
  }

  CompletableFuture<Void> change(RuleChange change) {
    return thread.write("server ban write", link -> {
      if (change instanceof RuleChange.BanAdded added) {
        StoredRules.Ban ban = added.ban();
        PreparedStatement expired = link.prepare(DROP_EXPIRED);
        expired.setLong(1, ban.created().toEpochMilli());
        expired.executeUpdate();
        PreparedStatement put = link.prepare(PUT);
        put.setString(1, ban.mask());
        put.setString(2, ban.by());
        put.setString(3, ban.reason());
        put.setLong(4, ban.created().toEpochMilli());
        if (ban.expires() == null) {
          put.setNull(5, Types.INTEGER);
        } else {
          put.setLong(5, ban.expires().toEpochMilli());
        }
        put.executeUpdate();
      } else {
        PreparedStatement delete = link.prepare(DELETE);
        delete.setString(1, ((RuleChange.BanLifted) change).mask());
        delete.executeUpdate();
      }
      return null;
    });
  }
}
