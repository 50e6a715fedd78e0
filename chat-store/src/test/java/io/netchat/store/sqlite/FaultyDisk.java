package io.netchat.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps the store's connections to break the disk on demand: {@link #breakIt()} closes every
 * connection handed out (as an I/O failure would) and makes new ones read-only
 * ({@code query_only}: writes fail with SQLite's read-only error); {@link #heal()} undoes it.
 */
final class FaultyDisk {

  private final List<Connection> handedOut = new CopyOnWriteArrayList<>();
  private volatile boolean broken;

  Connections wrap(Connections real) {
    return () -> {
      Connection c = real.open();
      if (broken) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA query_only = ON");
        }
      }
      handedOut.add(c);
      return c;
    };
  }

  void breakIt() throws SQLException {
    broken = true;
    for (Connection c : handedOut) {
      c.close();
    }
    handedOut.clear();
  }

  void heal() {
    broken = false;
  }
}
