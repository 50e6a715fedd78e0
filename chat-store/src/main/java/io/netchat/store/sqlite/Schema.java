package io.netchat.store.sqlite;

import io.netchat.store.StoreStartupException;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * Brings the database to the schema this code knows, with Flyway: numbered SQL files under
 * {@code db/netchat} on the classpath, each applied once in its own transaction and recorded in
 * {@code flyway_schema_history}. A database written by a newer netchat (a version this code does
 * not know) is refused, never touched.
 */
final class Schema {

  static final String LOCATION = "classpath:db/netchat";

  private Schema() {}

  /** The {@code messages.kind} value of an event kind (migration V5). */
  static String kind(StoredMessage.Kind kind) {
    return switch (kind) {
      case MESSAGE -> "message";
      case TOPIC -> "topic";
      case EVENT -> "event"; // migration V6
    };
  }

  /** The event kind of a {@code messages.kind} value. */
  static StoredMessage.Kind kind(String column) {
    return switch (column) {
      case "message" -> StoredMessage.Kind.MESSAGE;
      case "topic" -> StoredMessage.Kind.TOPIC;
      case "event" -> StoredMessage.Kind.EVENT;
      default -> throw new IllegalStateException("unknown messages.kind '" + column + "'");
    };
  }

  /**
   * Migrates {@code database}; returns the schema version now in force. A database already up to
   * date with the shipped migrations ({@link AppliedSchema}) is left as it is without starting Flyway.
   */
  static String migrate(Path database) {
    Optional<String> upToDate = AppliedSchema.upToDate(database);
    if (upToDate.isPresent()) {
      return upToDate.get();
    }
    Flyway flyway = Flyway.configure(Schema.class.getClassLoader())
        .dataSource("jdbc:sqlite:" + database, null, null)
        .locations(LOCATION)
        // Flyway's default ignores migrations from the future; a newer schema must stop us.
        .ignoreMigrationPatterns("")
        .validateOnMigrate(true)
        .load();
    try {
      refuseNewer(database, flyway.info());
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return current == null ? "none" : current.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new StoreStartupException("cannot bring the schema of " + database
          + " up to date: " + e.getMessage() + " — restore the file from a backup taken by this"
          + " version of netchat, or run the netchat version that wrote it", e);
    }
  }

  private static void refuseNewer(Path database, MigrationInfoService info) {
    MigrationInfo newest = null;
    for (MigrationInfo m : info.applied()) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
        newest = m;
      }
    }
    if (newest != null) {
      MigrationInfo[] known = info.all();
      String knownUpTo = "none";
      for (MigrationInfo m : known) {
        if (m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED) {
          knownUpTo = m.getVersion().getVersion();
        }
      }
      throw new StoreStartupException("the database " + database + " has schema version "
          + newest.getVersion().getVersion() + ", newer than this netchat knows (up to " + knownUpTo
          + ") — run the newer netchat that wrote it, or restore a backup taken before the upgrade");
    }
  }
}
