package io.netchat.testkit;

import io.netty.util.ResourceLeakDetector;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Sets up the test JVM for the two ways a {@code @FuzzTest} runs. An explicit {@code -D} of the
 * hooks, the timeout mode or the allocator type wins; leak detection is off whenever fuzzing,
 * whatever the build's {@code argLine} asks for.
 *
 * <p><b>Replaying the seed corpus</b> (a normal build, no {@code JAZZER_FUZZ}): Jazzer's
 * bug-detector hooks (SQL injection, SSRF, deserialization, ...) guard against nothing netchat does
 * and cost ~30 s of start-up per test JVM, so they are switched off.
 *
 * <p><b>Fuzzing</b> ({@code JAZZER_FUZZ} set): the hooks stay on, because the same switch also
 * turns off the coverage instrumentation the fuzzer is guided by. Paranoid leak detection records
 * a stack trace on every buffer access and held fuzzing to ~150 inputs/s, so it is disabled: the
 * harnesses check every buffer by reference count instead ({@link TrackingAllocator},
 * {@link DefaultAllocatorBytes}, for which the default allocator is made unpooled). And JUnit's
 * default timeout, meant for one test, would otherwise apply to the whole fuzzing run (one
 * invocation lasting minutes) and fail it at the end; it is disabled for the invocation. Jazzer
 * still hands the configured default timeout to libFuzzer as the limit for a single input.
 */
public final class JazzerDefaults implements LauncherSessionListener {
  static final String HOOKS = "jazzer.hooks";
  static final String TIMEOUT_MODE = "junit.jupiter.execution.timeout.mode";
  static final String LEAK_LEVEL = "io.netty.leakDetection.level";
  static final String ALLOCATOR = "io.netty.allocator.type";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (fuzzing()) {
      setUnlessGiven(TIMEOUT_MODE, "disabled");
      setUnlessGiven(ALLOCATOR, "unpooled");
      System.setProperty(LEAK_LEVEL, ResourceLeakDetector.Level.DISABLED.name());
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    } else {
      setUnlessGiven(HOOKS, "false");
    }
  }

  /** Whether this JVM fuzzes for real rather than replaying inputs. */
  public static boolean fuzzing() {
    String fuzz = System.getenv("JAZZER_FUZZ");
    return fuzz != null && !fuzz.isEmpty();
  }

  private static void setUnlessGiven(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
