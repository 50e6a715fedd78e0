package io.netchat.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the .deb declares, read with dpkg-deb without installing it (DebianInstallIT installs it):
 * its name and dependencies, which files are conffiles, where everything goes and with which modes.
 */
class DebianPackageIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @BeforeAll
  static void dpkgDebIsHere() {
    assumeTrue(Shell.has("dpkg-deb"), "dpkg-deb reads the package; it is on every Debian system");
  }

  @Test
  void isOnePackageForEveryArchitectureThatNeedsAJava17Runtime() {
    assertThat(field("Package")).isEqualTo("netchat");
    assertThat(field("Architecture")).isEqualTo("all");
    assertThat(field("Version")).isEqualTo(Dist.version().replace('-', '~'));
    // Debian 12: default-jre-headless is 2:1.17-74; every openjdk-N-jre-headless with N >= 17 provides java17-runtime-headless.
    assertThat(field("Depends")).isEqualTo("default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser");
  }

  @Test
  void theConfigurationInEtcIsKeptAcrossUpgradesAndRemoval() {
    assertThat(control("conffiles").lines()).containsExactly("/etc/netchat/server.yaml", "/etc/netchat/logback.xml");
  }

  @Test
  void maintainerScriptsArePosixShellAndExecutable() {
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(control(script)).as(script).startsWith("#!/bin/sh\n");
      assertThat(Shell.run(TIMEOUT, "sh", "-n", "-c", control(script)).exitCode()).as("%s parses", script).isZero();
    }
    assertThat(Shell.run(TIMEOUT, "dpkg-deb", "--info", Dist.deb().toString()).ok().output().lines()
        .filter(line -> line.matches(".*\\b(postinst|prerm|postrm)\\b.*")))
        .hasSize(3).allMatch(line -> line.contains(" * "), "marked executable (*)");
  }

  @Test
  void installsTheDaemonUnderOptItsConfigurationUnderEtcAndTheUnitWhereSystemdLooks() {
    List<String> contents = Shell.run(TIMEOUT, "dpkg-deb", "--contents", Dist.deb().toString()).ok().output().lines().toList();

    assertThat(contents).anyMatch(entry("-rwxr-xr-x", "./opt/netchat/bin/netchat-server"))
        .anyMatch(entry("-rwxr-xr-x", "./opt/netchat/bin/netchat-client"))
        .anyMatch(entry("-rw-r--r--", "./opt/netchat/lib/netchat-server.jar"))
        .anyMatch(entry("-rw-r--r--", "./opt/netchat/lib/netchat-client.jar"))
        .anyMatch(entry("-rw-r--r--", "./opt/netchat/docs/OPERATIONS.md"))
        .anyMatch(entry("-rw-r--r--", "./opt/netchat/examples/prometheus/netchat-alerts.yml"))
        .anyMatch(entry("-rw-r--r--", "./opt/netchat/examples/grafana/netchat-dashboard.json"))
        .anyMatch(entry("-rw-r--r--", "./etc/netchat/server.yaml"))
        .anyMatch(entry("-rw-r--r--", "./etc/netchat/logback.xml"))
        .anyMatch(entry("-rw-r--r--", "./lib/systemd/system/netchat-server.service"))
        // bin/netchat-server reads ../config/logback.xml: the conffile.
        .anyMatch(line -> line.endsWith("./opt/netchat/config -> /etc/netchat"))
        .allMatch(line -> line.contains(" root/root "), "owned by root");
  }

  private static java.util.function.Predicate<String> entry(String mode, String path) {
    return line -> line.startsWith(mode + " ") && line.endsWith(" " + path);
  }

  private static String field(String name) {
    return Shell.run(TIMEOUT, "dpkg-deb", "--field", Dist.deb().toString(), name).ok().output().strip();
  }

  private static String control(String member) {
    return Shell.run(TIMEOUT, "dpkg-deb", "--info", Dist.deb().toString(), member).ok().output();
  }
}
