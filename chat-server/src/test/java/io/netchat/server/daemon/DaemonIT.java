package io.netchat.server.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged daemon exactly as the README does ({@code bin/netchat-server}), from an
 * unrelated working directory, and talks to it over loopback with a plain socket.
 */
class DaemonIT {
  /** The admin listener's start line, e.g. {@code admin listener on http://127.0.0.1:40125 (...)}. */
  private static final Pattern ADMIN = Pattern.compile("admin listener on http://127\\.0\\.0\\.1:(\\d{1,5})");
  private static final Duration START_TIMEOUT = PackagedDaemon.START_TIMEOUT;
  private static final int SHUTDOWN_GRACE_SECONDS = 5;

  private static Path home;
  private final ObjectMapper json = new ObjectMapper();
  private PackagedDaemon started;
  private Process daemon;

  @BeforeAll
  static void packagedJarExists() {
    home = PackagedDaemon.home();
    PackagedDaemon.jar();
  }

  @AfterEach
  void stopDaemon() throws InterruptedException {
    if (started != null) {
      started.close();
    }
  }

  @Test
  void servesAClientAndSaysByeOnSigterm(@TempDir Path cwd) throws Exception {
    start(cwd, "--port", "0");
    Matcher listener = started.awaitListener();
    assertThat(listener.group(1)).isEqualTo("127.0.0.1");
    int port = Integer.parseInt(listener.group(2));
    assertThat(port).isPositive();
    assertThat(listener.group(3) + "/" + listener.group(4)).isEqualTo("length/json");

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(15_000);
      DataOutputStream to = new DataOutputStream(socket.getOutputStream());
      DataInputStream from = new DataInputStream(socket.getInputStream());
      writeFrame(to, "{\"type\":\"hello\",\"nick\":\"operator\"}");
      JsonNode welcome = readFrame(from);
      assertThat(welcome.path("type").asText()).isEqualTo("welcome");
      assertThat(welcome.path("nick").asText()).isEqualTo("operator");

      daemon.destroy(); // SIGTERM

      JsonNode bye = readFrame(from);
      assertThat(bye.path("type").asText()).isEqualTo("bye");
      assertThat(bye.path("reason").asText()).isEqualTo("shutting_down");
    }
    assertThat(daemon.waitFor(SHUTDOWN_GRACE_SECONDS + 10, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(daemon.exitValue()).isIn(143, 0);
    assertThat(output()).as("the daemon runs with paranoid leak detection").noneMatch(line -> line.contains("LEAK:"))
        .anyMatch(line -> line.contains("shutdown requested"));
  }

  @Test
  void sighupReloadsTheConfigAndTheAdminListenerServesMetricsAndHealth(@TempDir Path cwd) throws Exception {
    String listener = "listeners:\n  - {host: 127.0.0.1, port: 0}\nadmin: {port: 0}\n";
    Path config = Files.writeString(cwd.resolve("server.yaml"), listener + "limits:\n  max_rooms_per_session: 3\n");
    start(cwd, "--config", config.toString());
    Matcher chat = started.awaitListener();
    Matcher admin = await().atMost(START_TIMEOUT).until(() -> output().stream()
        .map(ADMIN::matcher).filter(Matcher::find).findFirst(), Optional::isPresent).orElseThrow();
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + admin.group(1));
    assertThat(get(http, base.resolve("/health/ready"))).isEqualTo("200 {\"status\":\"ready\"}\n");
    assertThat(get(http, base.resolve("/metrics"))).startsWith("200 ").contains("netchat_connections_open 0.0",
        "jvm_memory_used_bytes");

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(chat.group(2)))) {
      socket.setSoTimeout(15_000);
      DataOutputStream to = new DataOutputStream(socket.getOutputStream());
      DataInputStream from = new DataInputStream(socket.getInputStream());
      writeFrame(to, "{\"type\":\"hello\",\"nick\":\"operator\"}");
      writeFrame(to, "{\"type\":\"join\",\"room\":\"ops\"}");
      for (int i = 1; i <= 3; i++) {
        writeFrame(to, "{\"type\":\"say\",\"room\":\"ops\",\"text\":\"line " + i + "\",\"id\":\"s" + i + "\"}");
      }
      writeFrame(to, "{not json");
      JsonNode frame = readFrame(from);
      while (!frame.path("type").asText().equals("error")) {
        frame = readFrame(from);
      }
      assertThat(frame.path("code").asText()).isEqualTo("bad_json");
      String metrics = get(http, base.resolve("/metrics"));
      assertThat(metrics).contains("netchat_connections_open 1.0\n", "netchat_messages_accepted_total 3.0\n",
          "netchat_commands_total{type=\"say\"} 3.0\n", "netchat_errors_sent_total{code=\"bad_json\"} 1.0\n",
          "netchat_room_members 1.0\n", "netchat_deliveries_total 3.0\n");
    }

    Files.writeString(config, listener.replace("port: 0}", "port: 1}") + "limits:\n  max_rooms_per_session: 2\n");
    Process hangup = new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).inheritIO().start();
    assertThat(hangup.waitFor(10, TimeUnit.SECONDS)).isTrue();

    // A process started with SIGHUP ignored (this test run under nohup) passes that on to the daemon,
    // whose JVM then cannot handle it: the daemon must say so at start rather than ignore reloads silently.
    boolean inheritedIgnore = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("SigIgn:"))
        .anyMatch(line -> (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 1L) != 0);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> output().stream().anyMatch(line -> inheritedIgnore
          ? line.contains("SIGHUP is ignored by this process")
          : line.contains("SIGHUP: configuration reloaded; applied: limits.max_rooms_per_session;")
              && line.contains("need a restart: listeners")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no reload line after SIGHUP; output: " + String.join("\n", output()), e);
    }
    assertThat(daemon.isAlive()).as("still running after SIGHUP; output: %s", output()).isTrue();
    daemon.destroy();
    assertThat(daemon.waitFor(SHUTDOWN_GRACE_SECONDS + 10, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isIn(143, 0);
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  /**
   * Hardening finding 10: {@code --check} run as root wrote a 14 MB class-data archive into the
   * install's {@code lib/}. Installed, the archive goes only to the cache directory, and only a
   * server run records it.
   */
  @Test
  void anInstalledLayoutNeverWritesIntoLibAndCheckWritesNothing(@TempDir Path install) throws Exception {
    Path bin = Files.createDirectories(install.resolve("bin"));
    Path lib = Files.createDirectories(install.resolve("lib"));
    Path cache = Files.createDirectories(install.resolve("cache"));
    Files.copy(home.resolve("bin/netchat-server"), bin.resolve("netchat-server"));
    bin.resolve("netchat-server").toFile().setExecutable(true);
    Files.copy(PackagedDaemon.jar(), lib.resolve("netchat-server.jar"));

    Process check = new ProcessBuilder(bin.resolve("netchat-server").toString(), "--check")
        .redirectErrorStream(true).redirectOutput(install.resolve("check.out").toFile()).start();
    assertThat(check.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(Files.readString(install.resolve("check.out"))).isZero();
    ProcessBuilder withCache = new ProcessBuilder(bin.resolve("netchat-server").toString(), "--check")
        .redirectErrorStream(true).redirectOutput(install.resolve("check2.out").toFile());
    withCache.environment().put("NETCHAT_CACHE_DIR", cache.toString());
    check = withCache.start();
    assertThat(check.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).isZero();
    try (var files = Files.list(lib); var cached = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("netchat-server.jar");
      assertThat(cached).as("--check records no archive").isEmpty();
    }

    ProcessBuilder run = new ProcessBuilder(bin.resolve("netchat-server").toString(), "--port", "0")
        .directory(install.toFile()); // its data/ goes there, not into the module directory
    run.environment().put("NETCHAT_CACHE_DIR", cache.toString());
    started = PackagedDaemon.launch(run, install.resolve("run.out"));
    daemon = started.process();
    started.awaitReady();
    String argv = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "cmdline")).replace('\0', ' ');
    assertThat(argv).as("recorded from a start of its own before this one, which maps it and runs compiled")
        .contains("-XX:SharedArchiveFile=" + cache).doesNotContain("ArchiveClassesAtExit").doesNotContain("-Xint");
    daemon.destroy();
    assertThat(daemon.waitFor(SHUTDOWN_GRACE_SECONDS + 30, TimeUnit.SECONDS)).isTrue();
    try (var files = Files.list(lib); var cached = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("netchat-server.jar");
      assertThat(cached.map(f -> f.getFileName().toString())).as("a server run records the archive in the cache")
          .singleElement().asString().startsWith("netchat-server-java").endsWith(".jsa");
    }
  }

  /**
   * On a JDK 25+ the launcher records an AOT cache instead of a CDS archive and adds compact object
   * headers; a damaged cache never stops a start. Skipped (not passed) where no JDK 25+ is found:
   * {@code $JAVA25_HOME}, else Debian's JVM directory.
   */
  @Test
  void onJava25TheLauncherRecordsAnAotCacheStartsFromItAndSurvivesADamagedOne(@TempDir Path install) throws Exception {
    Optional<Path> jdk25 = PackagedDaemon.jdk(25);
    org.junit.jupiter.api.Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25+ in $JAVA25_HOME or /usr/lib/jvm");
    Path bin = Files.createDirectories(install.resolve("bin"));
    Path lib = Files.createDirectories(install.resolve("lib"));
    Path cache = Files.createDirectories(install.resolve("cache"));
    Files.copy(home.resolve("bin/netchat-server"), bin.resolve("netchat-server"));
    bin.resolve("netchat-server").toFile().setExecutable(true);
    Files.copy(PackagedDaemon.jar(), lib.resolve("netchat-server.jar"));

    for (String run : List.of("record", "use", "damaged")) {
      if (run.equals("damaged")) {
        try (var cached = Files.list(cache)) {
          Path aot = cached.filter(f -> f.toString().endsWith(".aot")).findFirst().orElseThrow();
          Files.writeString(aot, "not an AOT cache"); // newer than the jar, so the launcher maps it
        }
      }
      ProcessBuilder builder = new ProcessBuilder(bin.resolve("netchat-server").toString(), "--port", "0",
          "--data-dir", install.resolve("data").toString()).directory(install.toFile());
      builder.environment().put("NETCHAT_CACHE_DIR", cache.toString());
      builder.environment().put("JAVA_HOME", jdk25.get().toString());
      started = PackagedDaemon.launch(builder, install.resolve(run + ".out"));
      daemon = started.process();
      started.awaitReady();
      String argv = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "cmdline")).replace('\0', ' ');
      // The cache is recorded by a start of its own before the first ("record") run, which maps it.
      assertThat(argv).as(run).contains("-XX:+UseCompactObjectHeaders")
          .contains("-XX:AOTCache=").doesNotContain("-XX:AOTCacheOutput=").doesNotContain(".jsa");
      daemon.destroy();
      assertThat(daemon.waitFor(SHUTDOWN_GRACE_SECONDS + 120, TimeUnit.SECONDS)).as(run).isTrue();
      started = null;
      try (var cached = Files.list(cache)) {
        assertThat(cached.map(f -> f.getFileName().toString())).as(run)
            .singleElement().asString().startsWith("netchat-server-java25").endsWith(".aot");
      }
    }
  }

  @Test
  void aBadConfigExitsWithTwoAndNamesTheKey(@TempDir Path cwd) throws Exception {
    Files.writeString(cwd.resolve("server.yaml"), "listeners:\n  - host: 127.0.0.1\n    port: 70000\n");

    start(cwd, "--config", "server.yaml"); // relative to the caller's directory, not the script's

    assertThat(daemon.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isEqualTo(2);
    assertThat(String.join("\n", output()))
        .contains("listeners[0].port = 70000: expected an integer from 0 to 65535");
    assertThat(output()).noneMatch(line -> line.startsWith("\tat "));
  }

  private void start(Path cwd, String... args) throws IOException {
    started = PackagedDaemon.start(cwd, "daemon.out", args);
    daemon = started.process();
  }

  /** Everything the daemon printed so far (stdout and stderr). */
  private List<String> output() throws IOException {
    return started.output();
  }

  private static void writeFrame(DataOutputStream out, String payload) throws IOException {
    byte[] bytes = payload.getBytes(UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  private JsonNode readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    assertThat(length).isBetween(1, 65_536);
    byte[] payload = in.readNBytes(length);
    assertThat(payload).hasSize(length);
    return json.readTree(payload);
  }
}
