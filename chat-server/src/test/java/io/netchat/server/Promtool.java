package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker ({@code promtool}, Debian package {@code prometheus}, which
 * {@code .ci/run} installs). Where it is not on the PATH the check is skipped, except under
 * {@code CI=true}, where a missing promtool fails the test.
 */
final class Promtool {
  private Promtool() {}

  /** Runs {@code promtool args...} with {@code input} on stdin; fails with its output unless it exits 0. */
  static String check(String input, String... args) throws IOException, InterruptedException {
    Path promtool = DebianTool.find("promtool", "prometheus");
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
