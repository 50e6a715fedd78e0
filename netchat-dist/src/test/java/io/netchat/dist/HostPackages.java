package io.netchat.dist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings this Debian host what the install test needs, from Debian's own archive, so that a fresh
 * Debian 12 image passes too: the programs the test runs (systemd-analyze, adduser for the
 * package's postinst) and a Java 17 runtime known to dpkg, so that {@code dpkg -i} finds the
 * package's Depends satisfied. Installs nothing when everything is there.
 */
final class HostPackages {
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

  private HostPackages() {}

  static void installMissing() {
    List<String> missing = new ArrayList<>();
    if (!Shell.has("systemd-analyze")) {
      missing.add("systemd");
    }
    if (!installed("adduser")) {
      missing.add("adduser");
    }
    if (!javaRuntimeInstalled()) {
      missing.add("default-jre-headless");
    }
    if (!missing.isEmpty()) {
      Shell.run(APT_TIMEOUT, "apt-get", "update").ok();
      List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
      install.addAll(missing);
      Shell.run(APT_TIMEOUT, install.toArray(String[]::new)).ok();
    }
  }

  static boolean installed(String pkg) {
    return Shell.run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${db:Status-Status}", pkg).output().strip()
        .equals("installed");
  }

  /** The package's Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless. */
  private static boolean javaRuntimeInstalled() {
    return Shell.run(Duration.ofSeconds(30), "dpkg-query", "-W", "-f=${db:Status-Status} ${Package} ${Provides}\\n")
        .output().lines()
        .filter(line -> line.startsWith("installed "))
        .anyMatch(line -> line.matches("installed default-jre-headless .*|.*\\bjava17-runtime-headless\\b.*"));
  }
}
