package io.netchat.store.sqlite;

import io.netchat.store.StoreConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Remembers, in {@code store_state}, that a process has the store open and with which durability.
 * A clean close removes the mark. Finding an {@code async} mark at start-up means the last process
 * stopped uncleanly after acknowledging messages it may not have committed: every room gets a new
 * epoch, so clients re-sync instead of trusting seqs the store may not hold.
 */
final class CleanStop {

  private static final String RUNNING = "running";
  /** A random epoch in 1..2^53-1 for every room, in one statement. */
  private static final String NEW_EPOCHS =
      "UPDATE rooms SET epoch = max(1, random() & 9007199254740991)";

  private CleanStop() {}

  /** Marks the store open; returns true when the previous async process had stopped uncleanly. */
  static boolean begin(Connection c, StoreConfig.Durability durability) throws SQLException {
    boolean unclean = false;
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_state WHERE key = ?")) {
      ps.setString(1, RUNNING);
      try (ResultSet rs = ps.executeQuery()) {
        unclean = rs.next() && rs.getString(1).equals(name(StoreConfig.Durability.ASYNC));
      }
    }
    if (unclean) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate(NEW_EPOCHS);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT OR REPLACE INTO store_state (key, value) VALUES (?, ?)")) {
      ps.setString(1, RUNNING);
      ps.setString(2, name(durability));
      ps.executeUpdate();
    }
    c.commit();
    return unclean;
  }

  /** Removes the mark and folds the WAL back into the database file; the writer's last step. */
  static void end(Link link) throws SQLException {
    link.begin();
    PreparedStatement ps = link.prepare("DELETE FROM store_state WHERE key = ?");
    ps.setString(1, RUNNING);
    ps.executeUpdate();
    link.commit();
    link.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  private static String name(StoreConfig.Durability durability) {
    return durability.name().toLowerCase(Locale.ROOT);
  }
}
