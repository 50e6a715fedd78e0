package io.netchat.dist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed netchat-server started by hand (as an operator would, before trusting the unit),
 * and the installed client's one chat with it.
 */
final class Daemon implements AutoCloseable {
  /** The ready line's first listener, e.g. {@code netchat ready in 412 ms (epoll transport): 127.0.0.1:40123 (length/json)}. */
  private static final Pattern READY = Pattern.compile("netchat ready in \\d+ ms \\([^)]*\\): 127\\.0\\.0\\.1:(\\d{1,5}) \\(length/json\\)");
  /** Generous: the machine may be busy with other builds. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  /** Every process of the daemon (runuser, then java), by id, known once it is ready. */
  private final List<ProcessHandle> tree;
  private final Path log;
  private final int port;

  private Daemon(Process process, Path log, int port) {
    this.process = process;
    this.tree = process.descendants().toList();
    this.log = log;
    this.port = port;
  }

  /**
   * Runs {@code command} (an installed {@code bin/netchat-server} with {@code --port 0}, maybe behind
   * runuser) in {@code directory}, its output to {@code log}, and waits for the ready line.
   */
  static Daemon start(Path directory, Path log, String... command) throws IOException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      Matcher ready = await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            assertThat(process.isAlive()).as("the daemon exited %s; its output:%n%s", process, read(log)).isTrue();
            return READY.matcher(read(log));
          }, Matcher::find);
      return new Daemon(process, log, Integer.parseInt(ready.group(1)));
    } catch (RuntimeException | Error e) {
      Shell.kill(process);
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** Runs examples/smoke.nchat (its nick must be smoke) with {@code client}: join, say, topic, history, leave. */
  void chatOnce(Path client, Path script) {
    Shell.run(Duration.ofSeconds(90), client.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--nick", "smoke", "--script", script.toString()).ok();
  }

  /** SIGTERM, as systemctl stop sends it; returns the exit code once the daemon is gone. */
  int stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", STOP_TIMEOUT).isTrue();
    for (ProcessHandle child : tree) {
      assertThat(child.onExit().completeOnTimeout(child, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join().isAlive())
          .as("%s (started by %s) is gone", child.info().commandLine().orElse(child.toString()), process).isFalse();
    }
    return process.exitValue();
  }

  String output() {
    return read(log);
  }

  /** Kills whatever is left (a failed test), by process id. */
  @Override
  public void close() {
    tree.forEach(ProcessHandle::destroyForcibly);
    Shell.kill(process);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
