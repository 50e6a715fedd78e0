package io.netchat.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One thread's connection and its statements, each prepared once. After any failure the owner
 * calls {@link #reset()}; the next use opens a fresh connection, which is how a store recovers
 * from a failed disk without a restart. Not thread-safe: one owner thread.
 *
 * <p>Transactions are explicit {@code BEGIN IMMEDIATE … COMMIT}: the write lock is taken (waiting
 * up to the busy timeout) before the first read, so a read cannot leave the transaction unable to
 * upgrade to a write ({@code SQLITE_BUSY} with no wait), and nothing is held between transactions
 * (the driver's own non-auto-commit mode would begin the next transaction right after a commit).
 */
final class Link implements AutoCloseable {

  private final Connections connections;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private Connection connection;
  private Statement control;
  private boolean inTransaction;

  Link(Connections connections) {
    this.connections = connections;
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      connection = connections.open();
      control = connection.createStatement();
    }
    return connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = connection().prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  /** Starts a write transaction, waiting for the write lock up to the busy timeout. */
  void begin() throws SQLException {
    connection();
    control.execute("BEGIN IMMEDIATE");
    inTransaction = true;
  }

  void commit() throws SQLException {
    control.execute("COMMIT");
    inTransaction = false;
  }

  /** Runs a statement outside any transaction (a pragma, a checkpoint). */
  void execute(String sql) throws SQLException {
    connection();
    control.execute(sql);
  }

  /** Rolls back what it can and drops the connection; never throws. */
  void reset() {
    if (connection != null && inTransaction) {
      try {
        control.execute("ROLLBACK");
      } catch (SQLException | RuntimeException ignored) {
        // the connection is dropped below anyway
      }
    }
    close();
  }

  @Override
  public void close() {
    for (PreparedStatement ps : prepared.values()) {
      try {
        ps.close();
      } catch (SQLException | RuntimeException ignored) {
        // closing the connection frees it anyway
      }
    }
    prepared.clear();
    inTransaction = false;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // nothing more to release
      }
      connection = null;
      control = null;
    }
  }
}
