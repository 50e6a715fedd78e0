package io.netchat.testkit;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs a {@link ResourceLeakDetectorFactory} whose detectors record every leak Netty reports,
 * so that a test can fail on a leak instead of only logging it.
 *
 * <p>It must be installed before Netty's buffer classes initialise; {@link LeakGuardSession} does
 * that when the JUnit launcher session opens, before any test class is loaded.
 */
public final class LeakRecorder {
  private static final List<String> LEAKS = new ArrayList<>();
  private static volatile boolean installed;

  private LeakRecorder() {}

  /** Installs the recording factory once per JVM. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    installed = true;
  }

  /** Whether the recording factory is in place. */
  public static boolean isInstalled() {
    return installed;
  }

  /** Returns and forgets every leak reported since the last call. */
  public static synchronized List<String> drain() {
    List<String> copy = List.copyOf(LEAKS);
    LEAKS.clear();
    return copy;
  }

  private static synchronized void record(String resourceType, String records) {
    LEAKS.add(resourceType + " leaked" + (records.isEmpty() ? " (no access records)" : ":" + records));
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation")
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      ResourceLeakDetector<T> detector = new AlwaysReportingDetector<>(resource, samplingInterval);
      detector.setLeakListener(LeakRecorder::record);
      return detector;
    }
  }

  /**
   * Netty only reports (and tells the listener) when its logger has ERROR enabled; with a test
   * class path whose logging is switched off, leaks would pass silently. This one always reports.
   */
  private static final class AlwaysReportingDetector<T> extends ResourceLeakDetector<T> {
    @SuppressWarnings("deprecation")
    AlwaysReportingDetector(Class<T> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    @Override
    protected boolean needReport() {
      return true;
    }
  }
}
