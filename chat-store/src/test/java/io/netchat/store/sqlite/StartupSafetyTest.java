package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netchat.store.StoreConfig;
import io.netchat.store.StoreStartupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way start-up must refuse, with a message that names the file and says what to do. */
class StartupSafetyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  private static SqliteStore open(Path dataDir) {
    return SqliteStore.open(SqliteStoreTest.config(dataDir, StoreConfig.Durability.COMMIT));
  }

  @Test
  void aDataDirectoryThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "x");
    assertThatThrownBy(() -> open(file))
        .isInstanceOf(StoreStartupException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is not a directory")
        .hasMessageContaining("--data-dir");
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenIsRefused() throws Exception {
    Path readOnly;
    if ("root".equals(System.getProperty("user.name"))) {
      // root writes through permission bits; /proc/self/fdinfo is a directory nobody can create files in
      readOnly = Path.of("/proc/self/fdinfo");
      assumeThat(Files.isDirectory(readOnly)).isTrue();
    } else {
      readOnly = Files.createDirectory(dir.resolve("ro"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
    }
    Path target = readOnly;
    assertThatThrownBy(() -> open(target))
        .isInstanceOf(StoreStartupException.class)
        .hasMessageContaining("cannot write in the data directory " + target.toAbsolutePath())
        .hasMessageContaining("writable");
  }

  @Test
  void aCorruptDatabaseFileIsRefusedAndLeftUntouched() throws Exception {
    Path db = dir.resolve("netchat.db");
    byte[] garbage = "this is not a SQLite database, it is a text file\n".repeat(200)
        .getBytes(StandardCharsets.US_ASCII);
    Files.write(db, garbage);
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(StoreStartupException.class)
        .hasMessageContaining("the database file " + db.toAbsolutePath() + " is corrupt")
        .hasMessageContaining("restore the latest backup");
    assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
    Files.move(db, dir.resolve("netchat.db.corrupt")); // what the message says to do
    open(dir).close(); // the refusal released the lock: the moved-aside directory opens
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefused() throws Exception {
    open(dir).close();
    Path db = dir.resolve("netchat.db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
          + " script, checksum, installed_by, installed_on, execution_time, success) VALUES"
          + " (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test',"
          + " CURRENT_TIMESTAMP, 0, 1)");
    }
    assertThatThrownBy(() -> open(dir))
        .isInstanceOf(StoreStartupException.class)
        .hasMessageContaining("the database " + db + " has schema version 99, newer than this netchat")
        .hasMessageContaining("run the newer netchat");
  }

  @Test
  void aSecondStoreInTheSameJvmIsRefusedAndTheFirstKeepsWorking() throws Exception {
    try (SqliteStore first = open(dir)) {
      assertThatThrownBy(() -> open(dir))
          .isInstanceOf(StoreStartupException.class)
          .hasMessageContaining("is in use by another netchat process")
          .hasMessageContaining(dir.resolve("netchat.lock").toAbsolutePath().toString());
      first.openRoom("r", "r", T0).get(30, TimeUnit.SECONDS);
      assertThat(first.append("r", "ann", "still here", T0).get(30, TimeUnit.SECONDS)).isEqualTo(1);
    }
    open(dir).close();
  }

  @Test
  void aSecondProcessOnTheSameDataDirectoryIsRefused() throws Exception {
    try (ChildProcess holder = new ChildProcess("hold", dir, "commit")) {
      assertThat(firstEvent(holder)).isEqualTo("OPEN");
      assertThatThrownBy(() -> open(dir))
          .isInstanceOf(StoreStartupException.class)
          .hasMessageContaining("is in use by another netchat process");
      assertThat(holder.letGoAndWait()).isZero();
    }
    try (SqliteStore mine = open(dir); ChildProcess second = new ChildProcess("hold", dir, "commit")) {
      assertThat(firstEvent(second)).startsWith("REFUSED ").contains("is in use by another netchat process")
          .contains(mine.database().getParent().toString());
    }
  }

  /** The child's first protocol line, skipping its log output. */
  static String firstEvent(ChildProcess child) throws Exception {
    String line;
    while ((line = child.nextLine()) != null) {
      if (line.equals("OPEN") || line.startsWith("REFUSED ")) {
        return line;
      }
    }
    throw new AssertionError("child ended without a word");
  }
}
