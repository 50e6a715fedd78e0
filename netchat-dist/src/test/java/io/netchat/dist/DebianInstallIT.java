package io.netchat.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the .deb on this machine ({@code dpkg -i}), checks the unit with {@code systemd-analyze
 * verify}, validates the shipped configuration, runs the installed daemon by hand as the user
 * netchat, chats once with the installed client, stops it (SIGTERM), removes and purges the package.
 *
 * <p>It changes the system (a package, a user, files in /opt, /etc, /var), so it runs only where
 * that is allowed: in CI ({@code CI=true}) as root, or when asked with
 * {@code -Dnetchat.dist.install-test=true} (as root). Everything it did is undone after it, pass or
 * fail: the daemon stopped by process id, the package purged, the user removed if the test made it.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DebianInstallIT {
  private static final String PACKAGE = "netchat";
  private static final String USER = "netchat";
  private static final Path OPT = Path.of("/opt/netchat");
  private static final Path ETC = Path.of("/etc/netchat");
  private static final Path UNIT = Path.of("/lib/systemd/system/netchat-server.service");
  private static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/netchat-server.service");
  private static final Path MASK = Path.of("/etc/systemd/system/netchat-server.service");
  private static final Path STATE = Path.of("/var/lib/netchat");
  private static final Path LOGS = Path.of("/var/log/netchat");
  private static final Path CACHE = Path.of("/var/cache/netchat");
  private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** Set once the test knows nothing of an operator's is in the way: only then may it purge and delete. */
  private boolean undoOnFinish;
  private boolean userExistedBefore;
  /** Of the package's directories, those the test found absent: it deletes them even if a broken purge leaves them. */
  private List<Path> absentBefore = List.of();
  private Daemon daemon;

  @BeforeAll
  static void allowedToChangeThisSystem() {
    boolean asked = Boolean.getBoolean("netchat.dist.install-test");
    boolean root = Shell.run(TIMEOUT, "id", "-u").ok().output().strip().equals("0");
    if (!asked) {
      assumeTrue("true".equals(System.getenv("CI")) && root && Shell.has("dpkg"),
          "installs the .deb system-wide: runs in CI (CI=true) as root on Debian, or with -Dnetchat.dist.install-test=true");
    }
    assertThat(root).as("installing a package needs root: run as root, or drop -Dnetchat.dist.install-test").isTrue();
    assertThat(Shell.has("dpkg") && Shell.has("apt-get")).as("a Debian system (dpkg, apt-get)").isTrue();
    HostPackages.installMissing();
  }

  @BeforeEach
  void nothingToOverwrite() {
    if (dpkgKnows()) {
      // A real installation on a developer's machine is not the test's to purge; in CI it is a leftover.
      assertThat(System.getenv("CI")).as("netchat is installed here and the test would purge it; `dpkg --purge netchat` first")
          .isEqualTo("true");
      dpkg("--purge", PACKAGE);
    }
    userExistedBefore = userExists();
    absentBefore = Stream.of(OPT, ETC, STATE, LOGS, CACHE).filter(Files::notExists).toList();
    undoOnFinish = true;
  }

  /** Each step runs even when one before it failed; the first failure is reported. */
  @AfterEach
  void undoEverything() {
    List<Runnable> steps = new ArrayList<>();
    if (daemon != null) {
      steps.add(daemon::close);
    }
    if (undoOnFinish) {
      steps.add(() -> {
        if (dpkgKnows()) {
          dpkg("--purge", PACKAGE);
        }
      });
      absentBefore.forEach(dir -> steps.add(() -> Shell.run(TIMEOUT, "rm", "-rf", "--one-file-system", dir.toString()).ok()));
      steps.add(() -> {
        if (!userExistedBefore && userExists()) {
          Shell.run(TIMEOUT, "userdel", USER).ok();
        }
      });
    }
    RuntimeException failed = new IllegalStateException("cleaning up after the install test failed");
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException | AssertionError e) {
        failed.addSuppressed(e);
      }
    }
    if (failed.getSuppressed().length > 0) {
      throw failed;
    }
  }

  @Test
  void installsRunsChatsAndPurgesWithoutATrace(@TempDir Path work) throws Exception {
    dpkg("--install", Dist.deb().toString());

    installedWhereDocsOperationsSays();
    theUnitVerifies();
    theShippedConfigurationChecksAsRootAndAsTheServiceUser();
    runsByHandAsNetchatAndChats(work);

    dpkg("--remove", PACKAGE);
    assertThat(OPT).as("program removed").doesNotExist();
    assertThat(UNIT).doesNotExist();
    assertThat(ETC.resolve("server.yaml")).as("remove keeps the configuration").isRegularFile();
    assertThat(STATE).as("remove keeps the data").isDirectory();

    dpkg("--purge", PACKAGE);
    assertThat(dpkgKnows()).as("dpkg forgot netchat").isFalse();
    for (Path gone : List.of(OPT, ETC, STATE, LOGS, CACHE)) {
      assertThat(gone).as("purge leaves nothing in %s", gone).doesNotExist();
    }
    // Without following links: the enablement link dangles once the unit file is gone.
    assertThat(Files.exists(ENABLED, LinkOption.NOFOLLOW_LINKS)).as("enablement forgotten").isFalse();
    assertThat(Files.exists(MASK, LinkOption.NOFOLLOW_LINKS)).as("no mask left behind").isFalse();
    assertThat(userExists()).as("the user stays (postrm: a reused uid would inherit its files)").isTrue();
  }

  private void installedWhereDocsOperationsSays() throws IOException {
    assertThat(Shell.run(TIMEOUT, "dpkg-query", "-W", "-f=${Status}", PACKAGE).ok().output()).isEqualTo("install ok installed");
    assertThat(OPT.resolve("bin/netchat-server")).isExecutable();
    assertThat(OPT.resolve("bin/netchat-client")).isExecutable();
    assertThat(Files.readSymbolicLink(OPT.resolve("config"))).isEqualTo(ETC);
    assertThat(UNIT).isRegularFile();
    assertThat(Files.isSymbolicLink(ENABLED)).as("enabled for the next boot under systemd").isTrue();

    String[] passwd = Shell.run(TIMEOUT, "getent", "passwd", USER).ok().output().strip().split(":");
    assertThat(Integer.parseInt(passwd[2])).as("a system uid").isLessThan(1000);
    assertThat(passwd[5]).isEqualTo(STATE.toString());
    assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
    for (Path dir : List.of(STATE, LOGS, CACHE)) {
      PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      assertThat(attributes.owner().getName()).as("owner of %s", dir).isEqualTo(USER);
      assertThat(attributes.group().getName()).as("group of %s", dir).isEqualTo(USER);
      assertThat(PosixFilePermissions.toString(attributes.permissions())).as("mode of %s", dir).isEqualTo("rwxr-x---");
    }
  }

  /** verify checks that every Exec*= program exists, so it passes only on an installed unit. */
  private void theUnitVerifies() {
    Shell.Result verify = Shell.run(TIMEOUT, "systemd-analyze", "verify", UNIT.toString()).ok();
    assertThat(verify.output().lines()).as("no warning about the unit").noneMatch(line -> line.contains("netchat"));
  }

  private void theShippedConfigurationChecksAsRootAndAsTheServiceUser() throws IOException {
    String listeners = "configuration OK; listeners: [127.0.0.1:7777 (length/json), 127.0.0.1:7778 (line/json), 127.0.0.1:6667 (irc/irc)]";
    assertThat(Shell.run(TIMEOUT, "/opt/netchat/bin/netchat-server", "--check-config", "/etc/netchat/server.yaml")
        .ok().output()).contains(listeners);
    assertThat(Shell.run(TIMEOUT, asNetchat("NETCHAT_CACHE_DIR=" + CACHE, "/opt/netchat/bin/netchat-server",
        "--check-config", "/etc/netchat/server.yaml")).ok().output()).contains(listeners);
    try (Stream<Path> cached = Files.list(CACHE)) {
      assertThat(cached).as("--check-config records no class-data archive").isEmpty();
    }
  }

  /** As the unit does it: the service user, the log and cache directories, data as the working directory. */
  private void runsByHandAsNetchatAndChats(Path work) throws Exception {
    daemon = Daemon.start(STATE, work.resolve("server.out"), asNetchat("NETCHAT_LOG_DIR=" + LOGS,
        "NETCHAT_CACHE_DIR=" + CACHE, "/opt/netchat/bin/netchat-server", "--port", "0"));
    daemon.chatOnce(OPT.resolve("bin/netchat-client"), Dist.smokeScript());
    assertThat(daemon.stop()).as(daemon.output()).isEqualTo(143);

    Path log = LOGS.resolve("netchat-server.log");
    assertThat(Files.getOwner(log).getName()).isEqualTo(USER);
    assertThat(Files.readString(log)).as("/etc/netchat/logback.xml, found through /opt/netchat/config")
        .contains("configuration: embedded defaults", "netchat ready in", "netchat stopped");
    try (Stream<Path> cached = Files.list(CACHE)) {
      assertThat(cached.map(f -> f.getFileName().toString())).as("the server run recorded its class-data archive")
          .singleElement().asString().startsWith("netchat-server-java").endsWith(".jsa");
    }
  }

  /**
   * {@code env ARGS...} as the user netchat in a clean environment, like the unit. setpriv, not
   * runuser: it execs the command, so SIGTERM reaches the JVM alone; runuser passes SIGTERM on and
   * SIGKILLs its child 2 s later, cutting the graceful shutdown and the class-data archive short.
   */
  private static String[] asNetchat(String... envArguments) {
    return Stream.concat(Stream.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--reset-env",
        "--", "env"), Stream.of(envArguments)).toArray(String[]::new);
  }

  private static void dpkg(String... arguments) {
    String[] command = Stream.concat(Stream.of("dpkg"), Stream.of(arguments)).toArray(String[]::new);
    Shell.run(DPKG_TIMEOUT, command).ok();
  }

  /** Installed, or removed with its configuration kept: anything but purged. */
  private static boolean dpkgKnows() {
    Shell.Result status = Shell.run(TIMEOUT, "dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE);
    return status.exitCode() == 0 && !status.output().isBlank() && !status.output().strip().equals("not-installed");
  }

  private static boolean userExists() {
    return Shell.run(TIMEOUT, "getent", "passwd", USER).exitCode() == 0;
  }
}
