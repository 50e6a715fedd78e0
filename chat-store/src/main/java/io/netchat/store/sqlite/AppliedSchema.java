package io.netchat.store.sqlite;

import io.netchat.store.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether a database already holds exactly the migrations this netchat ships — the usual start,
 * which then needs no Flyway (whose own start-up costs about a second of CPU, on the path to
 * "ready"). Up to date means: every migration under {@code db/netchat} is in
 * {@code flyway_schema_history}, applied successfully, under the same script name and with the
 * checksum Flyway computes for it, and the history holds nothing else. Anything else — a new
 * database, a migration to apply, an edited one, a newer netchat's schema, a file or resource this
 * cannot read — answers "not known to be up to date", and {@link Schema} runs Flyway, which
 * migrates, validates or refuses as it always did.
 */
final class AppliedSchema {
  private static final Pattern MIGRATION = Pattern.compile("V([0-9]+)__.+\\.sql");
  private static final String DIRECTORY = "db/netchat/";

  /** One shipped migration as Flyway records it. */
  record Migration(String script, int checksum) {}

  private AppliedSchema() {}

  /** The schema version {@code database} is at when it is up to date with {@link #shipped()}; else empty. */
  static Optional<String> upToDate(Path database) {
    if (!Files.isRegularFile(database)) {
      return Optional.empty();
    }
    Map<Integer, Migration> shipped = shipped();
    if (shipped.isEmpty()) {
      return Optional.empty();
    }
    TreeMap<Integer, Migration> applied = new TreeMap<>();
    try (Connection c = Connections.to(database, StoreConfig.Durability.COMMIT, true).open();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT version, script, checksum, success FROM flyway_schema_history")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (version == null || !version.matches("[0-9]+") || !rs.getBoolean(4)
            || applied.put(Integer.valueOf(version), new Migration(rs.getString(2), rs.getInt(3))) != null) {
          return Optional.empty();
        }
      }
    } catch (SQLException | NumberFormatException e) {
      return Optional.empty(); // no history yet, or not one this reads: Flyway decides
    }
    return applied.equals(shipped) ? Optional.of(Integer.toString(applied.lastKey())) : Optional.empty();
  }

  /** The migrations on the classpath, by version; empty when they cannot be listed. */
  static Map<Integer, Migration> shipped() {
    Map<Integer, Migration> found = new TreeMap<>();
    try {
      Path source = Path.of(AppliedSchema.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.list(source.resolve(DIRECTORY))) {
          for (Path file : (Iterable<Path>) files::iterator) {
            try (InputStream in = Files.newInputStream(file)) {
              add(found, file.getFileName().toString(), in);
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(source.toFile())) {
          for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
            String name = entry.getName();
            if (name.startsWith(DIRECTORY) && name.indexOf('/', DIRECTORY.length()) < 0 && !entry.isDirectory()) {
              try (InputStream in = jar.getInputStream(entry)) {
                add(found, name.substring(DIRECTORY.length()), in);
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Map.of();
    }
    return found;
  }

  private static void add(Map<Integer, Migration> found, String script, InputStream in) throws IOException {
    Matcher m = MIGRATION.matcher(script);
    if (m.matches()) {
      found.put(Integer.valueOf(m.group(1)), new Migration(script, checksum(in)));
    }
  }

  /**
   * Flyway's checksum of a SQL migration: a CRC-32 over its lines' UTF-8 bytes, line breaks left
   * out, a byte-order mark on the first line dropped (Flyway's {@code ChecksumCalculator}). Should
   * Flyway ever compute it otherwise, every start simply takes the Flyway path again.
   */
  static int checksum(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line != null && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    for (; line != null; line = reader.readLine()) {
      crc.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return (int) crc.getValue();
  }
}
