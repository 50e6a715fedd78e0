package io.netchat.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc's native library, kept under the data directory ({@code native/}) and loaded from
 * there. Left to itself the driver copies the library (1.1 MB) into {@code java.io.tmpdir} under a
 * new name on every start, compares the copy byte by byte — 0.1–0.2 s of a cold JVM — and leaves it
 * behind when the process is killed. Here the library is written once per driver build (its name
 * carries the jar entry's CRC and size), atomically, and found again by name and size. Anything
 * unusual — {@code org.sqlite.lib.path} already set, no bundled library for this platform, a
 * directory that cannot be written — leaves the driver to its own way.
 */
final class NativeLibrary {
  static final String DIR = "native";
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

  private NativeLibrary() {}

  /** Points the driver at the library under {@code dataDir}, unless it is told where to look already. */
  static void prepare(Path dataDir) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    try {
      Path lib = place(dataDir);
      if (lib != null) {
        System.setProperty(PATH_PROPERTY, lib.getParent().toString());
        System.setProperty(NAME_PROPERTY, lib.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("sqlite native library not kept under {}: the driver extracts its own", dataDir, e);
    }
  }

  /**
   * The bundled library for this platform as a file under {@code dataDir/native}, written when it
   * is missing or of another size; older builds' files there are removed. Null when the driver
   * bundles none for this platform or not in a jar.
   */
  static Path place(Path dataDir) throws IOException {
    String name = System.mapLibraryName("sqlitejdbc");
    URL url = OSInfo.class.getResource("/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name);
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    if (!(connection instanceof JarURLConnection jar)) {
      return null;
    }
    JarEntry entry = jar.getJarEntry();
    if (entry.getCrc() < 0 || entry.getSize() < 0) {
      return null;
    }
    Path dir = dataDir.resolve(DIR);
    Path lib = dir.resolve(String.format(Locale.ROOT, "sqlite-%08x-%d-%s", entry.getCrc(), entry.getSize(), name));
    if (Files.isRegularFile(lib) && Files.size(lib) == entry.getSize()) {
      return lib;
    }
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, ".sqlite", ".partial");
    try {
      try (InputStream in = url.openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(partial, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, "sqlite-*")) {
      for (Path file : older) {
        if (!file.equals(lib)) {
          Files.deleteIfExists(file);
        }
      }
    }
    return lib;
  }
}
