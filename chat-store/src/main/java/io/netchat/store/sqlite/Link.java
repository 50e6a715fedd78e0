package io.netchat.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One thread's connection and its statements, each prepared once. After any failure the owner
 * calls {@link #reset()}; the next use opens a fresh connection, which is how a store recovers
 * from a failed disk without a restart. Not thread-safe: one owner thread.
 */
final class Link implements AutoCloseable {

  private final Connections connections;
  private final boolean transactional;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private Connection connection;

  /** With {@code transactional}, the connection runs with auto-commit off. */
  Link(Connections connections, boolean transactional) {
    this.connections = connections;
    this.transactional = transactional;
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = connections.open();
      if (transactional) {
        c.setAutoCommit(false);
      }
      connection = c;
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

  void commit() throws SQLException {
    connection().commit();
  }

  /** Rolls back what it can and drops the connection; never throws. */
  void reset() {
    if (connection != null && transactional) {
      try {
        connection.rollback();
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
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // nothing more to release
      }
      connection = null;
    }
  }
}
