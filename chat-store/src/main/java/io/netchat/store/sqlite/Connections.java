package io.netchat.store.sqlite;

import io.netchat.store.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to the database, configured for one role. Tests wrap it to break the disk. */
@FunctionalInterface
interface Connections {

  /** Waits this long for the other connection's write lock (the pruner's short batches). */
  int BUSY_TIMEOUT_MS = 10_000;

  Connection open() throws SQLException;

  /**
   * Connections to {@code database} in WAL mode with {@code synchronous} chosen by durability:
   * {@code FULL} for commit (each commit syncs the WAL, so it survives power loss), {@code NORMAL}
   * for async (a commit survives the process, not necessarily the machine).
   */
  static Connections to(Path database, StoreConfig.Durability durability, boolean readOnly) {
    String url = "jdbc:sqlite:" + database;
    return () -> {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(durability == StoreConfig.Durability.COMMIT
          ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      Connection c = config.createConnection(url);
      if (readOnly) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA query_only = ON");
        }
      }
      return c;
    };
  }
}
