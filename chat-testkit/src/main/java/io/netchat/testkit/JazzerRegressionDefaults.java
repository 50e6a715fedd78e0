package io.netchat.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes {@code @FuzzTest}s cheap in a normal build. When they only replay their seed corpus (no
 * {@code JAZZER_FUZZ} in the environment), Jazzer's bug-detector hooks (SQL injection, SSRF,
 * deserialization, ...) guard against nothing netchat does and cost ~30 s of start-up per test
 * JVM, so they are switched off. When fuzzing for real they stay on: the same switch also turns
 * off the coverage instrumentation the fuzzer is guided by. An explicit {@code -Djazzer.hooks}
 * always wins.
 */
public final class JazzerRegressionDefaults implements LauncherSessionListener {
  static final String HOOKS = "jazzer.hooks";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String fuzz = System.getenv("JAZZER_FUZZ");
    if ((fuzz == null || fuzz.isEmpty()) && System.getProperty(HOOKS) == null) {
      System.setProperty(HOOKS, "false");
    }
  }
}
