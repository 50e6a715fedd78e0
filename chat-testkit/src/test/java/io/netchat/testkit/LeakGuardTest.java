package io.netchat.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.netchat.testkit.samples.CleanSample;
import io.netchat.testkit.samples.LeakingSample;
import io.netchat.testkit.samples.OnlyInsideLeakGuardTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Proves the leak guard: a sample test that leaks a {@code ByteBuf} fails with the leak report,
 * and the same test with the buffer released passes. The samples run through the real set-up
 * (extension auto-detection from this jar's {@code junit-platform.properties}).
 */
class LeakGuardTest {

  @Test
  void recorderIsInstalledBeforeAnyTest() {
    assertThat(LeakRecorder.isInstalled()).isTrue();
  }

  @Test
  void leakingTestsFailWithTheLeakReport() {
    Events tests = run(LeakingSample.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(0).failed(2));
    for (String method : new String[] {"forgetsToRelease", "forgetsToReleaseADecodedFrame"}) {
      tests.assertThatEvents().haveExactly(1, event(test(method), finishedWithFailure(
          instanceOf(AssertionError.class),
          message(m -> m.contains("1 ByteBuf leak(s) reported during or before " + method + "()")
              && m.contains("ByteBuf leaked")
              && m.contains(LeakingSample.class.getName() + "." + method)))));
    }
  }

  @Test
  void aCleanTestPasses() {
    Events tests = run(CleanSample.class);

    tests.assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    tests.assertThatEvents().haveExactly(1, event(test("releases"), finishedSuccessfully()));
    assertThat(LeakRecorder.drain()).isEmpty();
  }

  @Test
  void samplesStayOffInTheNormalRun() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .enableImplicitConfigurationParameters(true)
        .selectors(selectClass(LeakingSample.class))
        .execute();

    results.testEvents().assertStatistics(stats -> stats.started(0));
    results.containerEvents().assertThatEvents().haveExactly(1, event(container(LeakingSample.class), skippedWithReason("a sample for LeakGuardTest only")));
  }

  /** Runs a sample as the build would: with this jar's junit-platform.properties in effect. */
  private static Events run(Class<?> sample) {
    return EngineTestKit.engine("junit-jupiter")
        .enableImplicitConfigurationParameters(true)
        .configurationParameter(OnlyInsideLeakGuardTest.PARAMETER, "true")
        .selectors(selectClass(sample))
        .execute()
        .testEvents();
  }
}
