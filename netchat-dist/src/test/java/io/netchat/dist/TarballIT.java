package io.netchat.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** netchat-VERSION.tar.gz: one top directory with bin, lib, config and docs, and it runs where it is unpacked. */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TarballIT {
  private static final Duration TAR_TIMEOUT = Duration.ofSeconds(60);
  private final String top = "netchat-" + Dist.version() + "/";

  @Test
  void holdsTheLayoutTheStartScriptsExpectUnderOneTopDirectory() {
    Map<String, String> modes = entries();

    assertThat(modes.keySet()).allMatch(name -> name.startsWith(top), "starts with " + top)
        .contains(top + "lib/netchat-server.jar", top + "lib/netchat-client.jar", top + "config/server.yaml",
            top + "config/logback.xml", top + "config/netchat-server.service", top + "docs/OPERATIONS.md",
            top + "docs/PROTOCOL.md", top + "docs/CONFIGURATION.md", top + "docs/CLIENT.md", top + "README.md",
            top + "examples/prometheus/prometheus.yml", top + "examples/prometheus/netchat-alerts.yml",
            top + "examples/grafana/netchat-dashboard.json");
    assertThat(modes).containsEntry(top + "bin/netchat-server", "-rwxr-xr-x")
        .containsEntry(top + "bin/netchat-client", "-rwxr-xr-x")
        .containsEntry(top + "config/server.yaml", "-rw-r--r--");
  }

  @Test
  void runsWhereItIsUnpackedWithItsOwnLoggingSetup(@TempDir Path dir) throws Exception {
    Shell.run(TAR_TIMEOUT, "tar", "-xzf", Dist.tarball().toString(), "-C", dir.toString()).ok();
    Path home = dir.resolve(top);
    Path logs = Files.createDirectory(dir.resolve("logs"));

    assertThat(Shell.run(Duration.ofSeconds(60), home.resolve("bin/netchat-server").toString(),
        "--check-config", home.resolve("config/server.yaml").toString()).ok().output())
        .contains("configuration OK; listeners: [127.0.0.1:7777 (length/json), 127.0.0.1:7778 (line/json), 127.0.0.1:6667 (irc/irc)]");
    assertThat(Shell.run(Duration.ofSeconds(60), home.resolve("bin/netchat-server").toString(), "--version").ok().output())
        .startsWith("netchat-server " + Dist.version());

    try (Daemon daemon = Daemon.start(dir, dir.resolve("server.out"), "env", "NETCHAT_LOG_DIR=" + logs,
        home.resolve("bin/netchat-server").toString(), "--port", "0")) {
      daemon.chatOnce(home.resolve("bin/netchat-client"), Dist.smokeScript());
      assertThat(daemon.stop()).as(daemon.output()).isEqualTo(143);
    }
    // NETCHAT_LOG_DIR is known only to config/logback.xml (the jar's fallback logs to the console alone).
    assertThat(Files.readString(logs.resolve("netchat-server.log"))).contains("netchat ready in", "netchat stopped");
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(f -> f.getFileName().toString())).as("nothing is written into lib/")
          .containsExactlyInAnyOrder("netchat-server.jar", "netchat-client.jar");
    }
  }

  /** Path to mode, e.g. {@code -rwxr-xr-x}, from {@code tar -tv}: "MODE OWNER SIZE DATE TIME PATH". */
  private Map<String, String> entries() {
    return Shell.run(TAR_TIMEOUT, "tar", "-tzvf", Dist.tarball().toString()).ok().output().lines()
        .map(line -> line.split("\\s+", 6))
        .collect(Collectors.toMap(fields -> fields[5], fields -> fields[0]));
  }
}
