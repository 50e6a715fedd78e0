package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.room.Member;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The per-address token bucket for room creation, and the bound on the addresses it tracks. */
class RoomCreationLimiterTest {
  private final AtomicLong nanos = new AtomicLong();
  private final RoomCreationLimiter limiter = new RoomCreationLimiter(60, 3, 2, nanos::get,
      new RepeatedLog(LoggerFactory.getLogger(RoomCreationLimiterTest.class), Level.INFO, Duration.ofSeconds(10), 16));

  @Test
  void anAddressMayCreateItsBurstThenOneRoomPerSecondAtSixtyPerMinute() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.refusal(from("10.0.0.1"))).isNull();
    }
    assertThat(limiter.refusal(from("10.0.0.1"))).contains("60 per minute (burst 3)").contains("10.0.0.1");
    assertThat(limiter.refusal(from("10.0.0.2"))).as("another address has its own bucket").isNull();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(limiter.refusal(from("10.0.0.1"))).isNull();
    assertThat(limiter.refusal(from("10.0.0.1"))).isNotNull();
  }

  @Test
  void theAddressesTrackedAreBoundedAndAnAddressThatStoppedIsForgotten() {
    assertThat(limiter.refusal(from("10.0.0.1"))).isNull();
    assertThat(limiter.refusal(from("10.0.0.2"))).isNull();
    assertThat(limiter.refusal(from("10.0.0.3"))).contains("more than 2 addresses");
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(4)); // both buckets have refilled: the same as none
    assertThat(limiter.refusal(from("10.0.0.3"))).isNull();
  }

  private static Member from(String host) {
    return new RoomMaker(null, null, host);
  }
}
