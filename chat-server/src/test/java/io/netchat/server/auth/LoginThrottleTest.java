package io.netchat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.config.LoginThrottleConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's rule on virtual time: free failures, a doubling wait up to the cap, forgetting, bounds. */
class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleConfig(2, Duration.ofSeconds(1),
      Duration.ofSeconds(5), Duration.ofMinutes(10), 4), now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void theFreeFailuresCostNothingThenTheWaitDoublesUpToTheCap() {
    throttle.failed("bob", "10.0.0.1");
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).isZero();
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).isEqualTo(1000);
    advance(Duration.ofMillis(400));
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).isEqualTo(600);
    advance(Duration.ofMillis(600));
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).isZero();
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", null)).isEqualTo(2000);
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", null)).isEqualTo(4000);
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", null)).as("capped at max_delay").isEqualTo(5000);
    for (int i = 0; i < 100; i++) {
      throttle.failed("bob", "10.0.0.1");
    }
    assertThat(throttle.waitMillis("bob", null)).isEqualTo(5000);
  }

  @Test
  void accountAndAddressCountApartAndTheLongerWaitHolds() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("bob", "10.0.0.1");
    }
    assertThat(throttle.waitMillis("bob", "10.0.0.2")).as("the account is throttled from anywhere").isEqualTo(1000);
    assertThat(throttle.waitMillis("carol", "10.0.0.1")).as("the address is throttled for any account").isEqualTo(1000);
    assertThat(throttle.waitMillis("carol", "10.0.0.2")).isZero();
  }

  @Test
  void aGoodLoginClearsTheAccountNotTheAddress() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("bob", "10.0.0.1");
    }
    throttle.succeeded("bob");
    assertThat(throttle.waitMillis("bob", null)).isZero();
    assertThat(throttle.waitMillis(null, "10.0.0.1")).isEqualTo(1000);
  }

  @Test
  void aCountIsForgottenAfterQuiet() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("bob", "10.0.0.1");
    }
    advance(Duration.ofMinutes(10));
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).isZero();
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.waitMillis("bob", "10.0.0.1")).as("counting starts again").isZero();
  }

  @Test
  void eachTableHoldsAtMostMaxTrackedEntriesWhateverAClientCycles() {
    for (int i = 0; i < 10_000; i++) {
      throttle.failed("user" + i, "10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(throttle.tracked()).isEqualTo(8);
    assertThat(throttle.waitMillis("user9999", null)).as("the newest stay").isZero();
    throttle.failed("user9999", null);
    throttle.failed("user9999", null);
    assertThat(throttle.waitMillis("user9999", null)).isEqualTo(1000);
  }
}
