package io.netchat.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * An outside program a test runs ({@code promtool}, {@code openssl}), found on the PATH. Where it
 * is missing the test is skipped, except under {@code CI=true}, where {@code .ci/run} installs its
 * Debian package and a missing program fails the test.
 */
final class DebianTool {
  private DebianTool() {}

  /** The executable {@code name}, from Debian package {@code debianPackage}. */
  static Path find(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(name + " is not on the PATH; .ci/run installs it with the Debian package " + debianPackage);
    }
    Assumptions.abort(name + " is not on the PATH (Debian package " + debianPackage + "); skipped outside CI");
    return null;
  }
}
