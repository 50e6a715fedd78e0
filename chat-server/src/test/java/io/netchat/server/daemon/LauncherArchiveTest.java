package io.netchat.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code bin/netchat-server} records its class-data archive: from a start of its own
 * ({@code --exit-when-ready}) before the server's, run interpreted on a runtime before 21 (whose
 * dynamic archives keep the "queued for compilation" mark of methods waiting for the JIT at exit,
 * JDK-8306460, so those would never be compiled). A stand-in {@code java} records each command
 * line it is given; no JVM starts.
 */
class LauncherArchiveTest {

  @Test
  void beforeJava21TheRecordingStartRunsInterpretedAndTheServerMapsWhatItRecorded(@TempDir Path install)
      throws Exception {
    List<String> calls = launch(install, "17.0.15");

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).as("the recording start")
        .contains("-XX:ArchiveClassesAtExit=" + install.resolve("cache/netchat-server-java17.0.15.jsa"))
        .contains(" -Xint ").endsWith("--port 0 --exit-when-ready");
    assertThat(calls.get(1)).as("the server")
        .contains("-XX:SharedArchiveFile=" + install.resolve("cache/netchat-server-java17.0.15.jsa"))
        .doesNotContain("-Xint").doesNotContain("ArchiveClassesAtExit").endsWith("--port 0");
  }

  @Test
  void fromJava21TheRecordingStartRunsCompiled(@TempDir Path install) throws Exception {
    List<String> calls = launch(install, "21.0.5");

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).contains("-XX:ArchiveClassesAtExit=").doesNotContain("-Xint").endsWith("--exit-when-ready");
    assertThat(calls.get(1)).contains("-XX:SharedArchiveFile=").doesNotContain("-Xint");
  }

  @Test
  void aFailedRecordingStartLeavesNoArchiveAndTheServerStartsWithout(@TempDir Path install) throws Exception {
    List<String> calls = launch(install, "17.0.15", "exit 1");

    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
    try (var cached = Files.list(install.resolve("cache"))) {
      assertThat(cached).isEmpty();
    }
  }

  /** Runs the launcher of an installed layout with a stand-in runtime of {@code version}; its command lines. */
  private static List<String> launch(Path install, String version, String... trainingEnd) throws Exception {
    Path bin = Files.createDirectories(install.resolve("bin"));
    Files.copy(PackagedDaemon.home().resolve("bin/netchat-server"), bin.resolve("netchat-server"));
    Files.createDirectories(install.resolve("lib"));
    Files.writeString(install.resolve("lib/netchat-server.jar"), "not a jar: the stand-in java never reads it");
    Files.createDirectories(install.resolve("cache"));
    Path jdk = Files.createDirectories(install.resolve("jdk/bin"));
    Files.writeString(install.resolve("jdk/release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path calls = install.resolve("calls.txt");
    String recording = trainingEnd.length == 0
        ? "      -XX:ArchiveClassesAtExit=*) : > \"${a#*=}\" ;;\n" : "      -XX:ArchiveClassesAtExit=*) " + trainingEnd[0] + " ;;\n";
    Files.writeString(jdk.resolve("java"), "#!/usr/bin/env bash\n"
        + "echo \"$*\" >> '" + calls + "'\n"
        + "for a in \"$@\"; do\n"
        + "  case \"$a\" in\n"
        + recording
        + "  esac\n"
        + "done\n"
        + "exit 0\n");
    Files.setPosixFilePermissions(jdk.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(bin.resolve("netchat-server"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder launcher = new ProcessBuilder(bin.resolve("netchat-server").toString(), "--port", "0")
        .redirectErrorStream(true).redirectOutput(install.resolve("launcher.out").toFile());
    launcher.environment().put("JAVA_HOME", install.resolve("jdk").toString());
    launcher.environment().put("NETCHAT_CACHE_DIR", install.resolve("cache").toString());
    launcher.environment().remove("JAVA_OPTS");
    Process process = launcher.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(install.resolve("launcher.out"))).isZero();
    return Files.readAllLines(calls);
  }
}
