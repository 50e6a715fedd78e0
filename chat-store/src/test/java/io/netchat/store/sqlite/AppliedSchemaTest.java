package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.store.StoreConfig;
import io.netchat.store.StoreStartupException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database Flyway brought up to date is recognised without Flyway; anything else goes back to it. */
class AppliedSchemaTest {

  @TempDir
  Path dir;

  private Path migrated() {
    SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.COMMIT)).close();
    return dir.resolve("netchat.db").toAbsolutePath();
  }

  private void execute(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  @Test
  void aDatabaseFlywayMigratedIsUpToDateAtTheNewestShippedVersion() {
    Path db = migrated();

    assertThat(AppliedSchema.shipped()).containsKeys(1, 2, 25).hasSizeGreaterThanOrEqualTo(12);
    assertThat(AppliedSchema.upToDate(db)).contains(Integer.toString(
        AppliedSchema.shipped().keySet().stream().mapToInt(Integer::intValue).max().orElseThrow()));
  }

  @Test
  void aMissingDatabaseOrOneWithoutHistoryIsNotKnownToBeUpToDate() throws Exception {
    assertThat(AppliedSchema.upToDate(dir.resolve("none.db"))).isEmpty();
    Path empty = dir.resolve("empty.db");
    execute(empty, "CREATE TABLE t (x)");
    assertThat(AppliedSchema.upToDate(empty)).isEmpty();
  }

  @Test
  void aMissingFailedEditedOrExtraMigrationSendsTheStartBackToFlyway() throws Exception {
    Path db = migrated();
    execute(db, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
    assertThat(AppliedSchema.upToDate(db)).as("edited").isEmpty();
    assertThatThrownBy(() -> SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.COMMIT)))
        .as("Flyway's validation still refuses it").isInstanceOf(StoreStartupException.class)
        .hasMessageContaining("checksum");

    execute(db, "UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '2'");
    assertThat(AppliedSchema.upToDate(db)).as("restored").isPresent();
    execute(db, "UPDATE flyway_schema_history SET success = 0 WHERE version = '25'");
    assertThat(AppliedSchema.upToDate(db)).as("failed").isEmpty();
    execute(db, "UPDATE flyway_schema_history SET success = 1 WHERE version = '25'");
    execute(db, "DELETE FROM flyway_schema_history WHERE version = '25'");
    assertThat(AppliedSchema.upToDate(db)).as("one to apply").isEmpty();
  }

  @Test
  void aNewerNetchatsMigrationIsNotUpToDateAndFlywayRefusesIt() throws Exception {
    Path db = migrated();
    execute(db, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
        + " installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
        + " 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, 1)");

    assertThat(AppliedSchema.upToDate(db)).isEmpty();
    assertThatThrownBy(() -> SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.COMMIT)))
        .isInstanceOf(StoreStartupException.class).hasMessageContaining("newer than this netchat");
  }

  @Test
  void theChecksumIsFlywaysOverLinesWithoutBreaksOrAByteOrderMark() throws Exception {
    int plain = AppliedSchema.checksum(new ByteArrayInputStream("a\nbc\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(AppliedSchema.checksum(new ByteArrayInputStream("a\r\nbc".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(plain);
    assertThat(AppliedSchema.checksum(new ByteArrayInputStream("\uFEFFa\nbc".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(plain);
    assertThat(AppliedSchema.checksum(new ByteArrayInputStream("a\nbd".getBytes(StandardCharsets.UTF_8))))
        .isNotEqualTo(plain);
    // as Flyway recorded it for V1 (its checksum of the shipped file, read back from a migrated database)
    Path db = migrated();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '1'")) {
      rs.next();
      assertThat(AppliedSchema.shipped().get(1).checksum()).isEqualTo(rs.getInt(1));
    }
    assertThat(Files.exists(db)).isTrue();
  }
}
