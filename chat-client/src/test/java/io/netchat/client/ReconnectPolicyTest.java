package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff with jitter, bounded by the server's {@code retry_after_ms}. */
class ReconnectPolicyTest {
  private static final ReconnectPolicy POLICY =
      new ReconnectPolicy(true, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0);

  @Test
  void theBackoffDoublesUpToTheMaximum() {
    assertThat(POLICY.delayBefore(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(POLICY.delayBefore(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(POLICY.delayBefore(30)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterTakesUpToItsShareOffEachWait() {
    assertThat(POLICY.jitter()).isEqualTo(ReconnectPolicy.DEFAULT_JITTER);
    assertThat(POLICY.waitBefore(3, Duration.ZERO, () -> 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(POLICY.waitBefore(3, Duration.ZERO, () -> 0.5)).isEqualTo(Duration.ofMillis(600));
    assertThat(POLICY.waitBefore(3, Duration.ZERO, () -> 0.999_999)).isEqualTo(Duration.ofMillis(401));
    assertThat(POLICY.withJitter(0).waitBefore(3, Duration.ZERO, () -> 0.9)).isEqualTo(Duration.ofMillis(800));
  }

  @Test
  void aServersRetryAfterIsTheShortestWait() {
    assertThat(POLICY.waitBefore(1, Duration.ofMillis(5_000), () -> 0.0)).isEqualTo(Duration.ofMillis(5_000));
    assertThat(POLICY.waitBefore(30, Duration.ofMillis(5_000), () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> POLICY.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> POLICY.withJitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
