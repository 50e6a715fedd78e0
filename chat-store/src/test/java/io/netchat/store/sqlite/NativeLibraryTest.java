package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.store.StoreConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/** The driver's native library is written under the data directory once, and the driver loads it from there. */
class NativeLibraryTest {

  @Test
  void writtenOnceByNameAndSizeReplacingOlderBuildsAndATruncatedCopy(@TempDir Path data) throws Exception {
    Path stale = Files.createDirectories(data.resolve(NativeLibrary.DIR)).resolve("sqlite-00000000-5-libsqlitejdbc.so");
    Files.write(stale, new byte[5]);

    Path lib = NativeLibrary.place(data);

    assertThat(lib.getParent()).isEqualTo(data.resolve(NativeLibrary.DIR));
    assertThat(lib.getFileName().toString()).matches("sqlite-[0-9a-f]{8}-[0-9]+-" + System.mapLibraryName("sqlitejdbc"));
    assertThat(Files.readAllBytes(lib)).isEqualTo(bundled());
    assertThat(stale).as("an older build's library").doesNotExist();
    try (Stream<Path> files = Files.list(lib.getParent())) {
      assertThat(files).as("no partial file left").containsExactly(lib);
    }

    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(lib, old);
    assertThat(NativeLibrary.place(data)).isEqualTo(lib);
    assertThat(Files.getLastModifiedTime(lib)).as("found again, not rewritten").isEqualTo(old);

    Files.write(lib, new byte[10]);
    assertThat(NativeLibrary.place(data)).isEqualTo(lib);
    assertThat(Files.readAllBytes(lib)).as("a copy of another size is written again").isEqualTo(bundled());
  }

  @Test
  void theDriverLoadsItFromTheDataDirectoryAndNothingGoesToTheTemporaryDirectory(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-Djava.io.tmpdir=" + tmp, "-cp", classPath,
        OpenStore.class.getName(), data.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      lines = out.lines().filter(line -> line.startsWith("child: ")).toList();
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(lines).containsExactly("child: lib.path " + data.toAbsolutePath().resolve(NativeLibrary.DIR),
        "child: native true", "child: tmp sqlite files 0");
  }

  @Test
  void anOperatorsOwnLibraryPathIsLeftAlone(@TempDir Path data) {
    String before = System.getProperty(NativeLibrary.PATH_PROPERTY);
    System.setProperty(NativeLibrary.PATH_PROPERTY, "/somewhere/else");
    try {
      NativeLibrary.prepare(data);
      assertThat(System.getProperty(NativeLibrary.PATH_PROPERTY)).isEqualTo("/somewhere/else");
      assertThat(data.resolve(NativeLibrary.DIR)).doesNotExist();
    } finally {
      if (before == null) {
        System.clearProperty(NativeLibrary.PATH_PROPERTY);
      } else {
        System.setProperty(NativeLibrary.PATH_PROPERTY, before);
      }
    }
  }

  private static byte[] bundled() throws Exception {
    String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
        + System.mapLibraryName("sqlitejdbc");
    try (InputStream in = OSInfo.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** A child JVM: opens a store, says where the driver's library came from, and what its temp directory holds. */
  static final class OpenStore {
    public static void main(String[] args) throws Exception {
      Path data = Path.of(args[0]);
      try (SqliteStore store = SqliteStore.open(SqliteStoreTest.config(data, StoreConfig.Durability.COMMIT))) {
        System.out.println("child: lib.path " + System.getProperty(NativeLibrary.PATH_PROPERTY));
        System.out.println("child: native " + org.sqlite.SQLiteJDBCLoader.isNativeMode());
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
          System.out.println("child: tmp sqlite files " + files.filter(f -> f.getFileName().toString().startsWith("sqlite-")).count());
        }
      }
    }
  }
}
