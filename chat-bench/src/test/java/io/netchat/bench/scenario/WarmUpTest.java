package io.netchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  /** Runs a warm-up whose compilers use {@code compilerSeconds[i]} in step i (0 after the last); the steps taken. */
  private static List<Long> run(WarmUp warmUp, double... compilerSeconds) {
    List<Long> steps = new ArrayList<>();
    for (long step; (step = warmUp.nextStepNanos()) > 0; ) {
      int i = steps.size();
      steps.add(step);
      warmUp.stepped(step, i < compilerSeconds.length ? compilerSeconds[i] : 0);
    }
    return steps;
  }

  @Test
  void equalBoundsGiveAFixedWarmUpWhateverTheCompilersDo() {
    WarmUp warmUp = new WarmUp(Duration.ofMillis(2500), Duration.ofMillis(2500));
    assertThat(run(warmUp, 0.5, 0.5, 0.5)).containsExactly(SECOND, SECOND, SECOND / 2);
    assertThat(warmUp.elapsed()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void quietCompilersEndItAtTheLeast() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(60));
    assertThat(run(warmUp)).hasSize(5);
    assertThat(warmUp.quiet()).isTrue();
  }

  @Test
  void busyCompilersKeepItGoingUntilFiveQuietSeconds() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(2), Duration.ofSeconds(60));
    // compiling for 9 s, then a last 0.05 s at second 10 and 0.01 s at 11 (1 % of five seconds: 0.05 s)
    run(warmUp, 0.4, 0.3, 0.3, 0.1, 0.2, 0.3, 0.1, 0.1, 0.2, 0.05, 0.01);
    assertThat(warmUp.elapsed()).isEqualTo(Duration.ofSeconds(15));
    assertThat(warmUp.quiet()).isTrue();
  }

  @Test
  void aTraceOfCompilingStillCountsAsQuiet() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(60));
    run(warmUp, 0.009, 0.009, 0.009, 0.009, 0.009);
    assertThat(warmUp.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aWindowWithTheCompilersBusyIsMeasuredAgainAfterANewQuietSpell() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(60));
    run(warmUp);
    long window = Duration.ofSeconds(10).toNanos();
    assertThat(warmUp.measureAgain(1, window, 0.1)).as("1 %% of the window is steady enough").isFalse();
    assertThat(warmUp.measureAgain(1, window, 0.3)).isTrue();
    assertThat(warmUp.quiet()).isFalse();
    assertThat(run(warmUp)).hasSize(5);
    assertThat(warmUp.elapsed()).isEqualTo(Duration.ofSeconds(20));
    assertThat(warmUp.measureAgain(2, window, 0.3)).isTrue();
    assertThat(warmUp.measureAgain(3, window, 0.3)).as("the third window is the last").isFalse();
  }

  @Test
  void aFixedWarmUpKeepsEveryWindow() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(5));
    run(warmUp);
    assertThat(warmUp.measureAgain(1, Duration.ofSeconds(10).toNanos(), 5.0)).isFalse();
  }

  @Test
  void pastTheMostTheNextWindowFollowsAtOnce() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(3));
    run(warmUp, 0.5, 0.5, 0.5);
    assertThat(warmUp.measureAgain(1, Duration.ofSeconds(10).toNanos(), 1.0)).isTrue();
    assertThat(warmUp.nextStepNanos()).isZero();
  }

  @Test
  void compilersThatNeverSettleStopAtTheMost() {
    WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), Duration.ofMillis(4500));
    double[] busy = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    assertThat(run(warmUp, busy)).containsExactly(SECOND, SECOND, SECOND, SECOND, SECOND / 2);
    assertThat(warmUp.quiet()).isFalse();
  }

  @Test
  void noWarmUpAtAll() {
    assertThat(run(new WarmUp(Duration.ZERO, Duration.ZERO))).isEmpty();
  }

  @Test
  void theMostMayNotBeShorterThanTheLeast() {
    assertThatThrownBy(() -> new WarmUp(Duration.ofSeconds(5), Duration.ofSeconds(4)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FanoutSpec(1, 10, 1, 1000, 128, Duration.ofSeconds(5), Duration.ofSeconds(4),
        Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than the least");
  }
}
