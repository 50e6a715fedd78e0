package io.netchat.dist;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command to completion within a deadline, its output (stdout and stderr) captured. */
final class Shell {
  private Shell() {}

  /** What a command printed and how it ended. */
  record Result(List<String> command, int exitCode, String output) {
    /** This result, or an assertion error naming the command, its exit code and its output. */
    Result ok() {
      if (exitCode != 0) {
        throw new AssertionError(command + " exited " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  /**
   * Runs {@code command}; past {@code timeout} kills it and every process it started and fails.
   * Interrupted (a test's timeout), it kills them too.
   */
  static Result run(Duration timeout, String... command) {
    Path output = null;
    Process process = null;
    try {
      output = Files.createTempFile("netchat-dist-", ".out");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new AssertionError(List.of(command) + " did not finish within " + timeout + ":\n" + Files.readString(output, UTF_8));
      }
      return new Result(List.of(command), process.exitValue(), Files.readString(output, UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new AssertionError(List.of(command) + " interrupted", e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  /** True when {@code program} is on the PATH. */
  static boolean has(String program) {
    return run(Duration.ofSeconds(10), "sh", "-c", "command -v " + program).exitCode() == 0;
  }

  /** Kills {@code process} and every process it started, by their ids, and waits for them. */
  static void kill(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join());
    process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
