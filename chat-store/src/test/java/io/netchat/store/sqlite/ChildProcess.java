package io.netchat.store.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link StoreChild} in a new JVM with this test's class path and reads its lines. */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader lines;

  ChildProcess(String mode, Path dir, String durability) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", classPath,
        StoreChild.class.getName(), mode, dir.toString(), durability))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The next line the child printed, or null at its end (a blocking read: the test's own thread). */
  String nextLine() throws IOException {
    return lines.readLine();
  }

  /** SIGKILL: no shutdown hook, no close, exactly like {@code kill -9}. */
  void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the child's stdin (a holder then closes its store) and waits for it to exit. */
  int letGoAndWait() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("child did not exit");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill9();
    }
  }
}
