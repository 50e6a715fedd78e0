package io.netchat.server.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged daemon ({@code bin/netchat-server} on the shaded jar) as a child process of a test,
 * its output (stdout and stderr) in a file: reading a pipe races with the JDK draining it when the
 * process exits. Closing it kills the process if it still runs.
 */
final class PackagedDaemon implements AutoCloseable {
  /** How long a start may take on a loaded machine, until the ready line. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /** One listener in ChatServer's ready line, e.g. {@code 127.0.0.1:40123 (length/json)}. */
  static final Pattern LISTENER = Pattern.compile("(\\[[0-9A-Fa-f:.%]+]|[0-9.]+):(\\d{1,5}) \\((\\w+)/(\\w+)\\)");

  private final Process process;
  private final Path log;

  private PackagedDaemon(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The netchat checkout ({@code -Dnetchat.home}, else the parent directory). */
  static Path home() {
    return Path.of(System.getProperty("netchat.home", "..")).toAbsolutePath().normalize();
  }

  /**
   * The shaded jar the script runs ({@code -Dnetchat.jar}); fails when it is missing, since the
   * script would then start a nested Maven build.
   */
  static Path jar() {
    Path jar = Path.of(System.getProperty("netchat.jar", home() + "/chat-server/target/netchat-server.jar"));
    assertThat(jar).as("run after 'package': the shaded jar").isRegularFile();
    return jar;
  }

  /**
   * Starts {@code bin/netchat-server args} in {@code cwd}, as an operator would from an unrelated
   * directory, logging to the console (not {@code NETCHAT_LOG_DIR}) with a small heap and paranoid
   * leak detection; its output goes to {@code cwd/output}.
   */
  static PackagedDaemon start(Path cwd, String output, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(home().resolve("bin/netchat-server").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().remove("NETCHAT_LOG_DIR");
    builder.environment().put("JAVA_OPTS", "-Xmx128m -Dio.netty.leakDetection.level=paranoid");
    return launch(builder, cwd.resolve(output));
  }

  /** Starts {@code builder} as it is set up, its output going to {@code log}. */
  /**
   * A JDK of at least {@code feature} (e.g. 25) to run the launcher with: {@code $JAVA25_HOME}
   * when set, else the first in Debian's JVM directory whose {@code release} file says so.
   */
  static java.util.Optional<Path> jdk(int feature) throws IOException {
    String given = System.getenv("JAVA" + feature + "_HOME");
    if (given != null && !given.isBlank()) {
      return java.util.Optional.of(Path.of(given));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!java.nio.file.Files.isDirectory(jvms)) {
      return java.util.Optional.empty();
    }
    try (var dirs = java.nio.file.Files.list(jvms)) {
      return dirs.filter(d -> java.nio.file.Files.isExecutable(d.resolve("bin/java")))
          .filter(d -> releaseFeature(d) >= feature).sorted().findFirst();
    }
  }

  private static int releaseFeature(Path jdk) {
    try {
      for (String line : java.nio.file.Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  static PackagedDaemon launch(ProcessBuilder builder, Path log) throws IOException {
    return new PackagedDaemon(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
  }

  Process process() {
    return process;
  }

  /** Everything the daemon printed so far. */
  List<String> output() throws IOException {
    return Files.readAllLines(log, UTF_8);
  }

  /** The {@code netchat ready} line, once printed; fails if the daemon died before. */
  Optional<String> readyLine() throws IOException {
    List<String> lines = output();
    assertThat(process.isAlive()).as("daemon still running; output so far: %s", lines).isTrue();
    return lines.stream().filter(line -> line.contains("netchat ready")).findFirst();
  }

  /** Waits for the ready line and returns it. */
  String awaitReady() {
    return await().atMost(START_TIMEOUT).until(this::readyLine, Optional::isPresent).orElseThrow();
  }

  /** Waits for the ready line and returns its first listener (host, port, framing, codec in groups 1–4). */
  Matcher awaitListener() {
    String ready = awaitReady();
    Matcher listener = LISTENER.matcher(ready);
    assertThat(listener.find()).as("a listener in %s", ready).isTrue();
    return listener;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
