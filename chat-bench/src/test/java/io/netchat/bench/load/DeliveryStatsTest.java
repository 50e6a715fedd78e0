package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeliveryStatsTest {
  private static final long MS = 1_000_000L;

  @Test
  void countsOnlyMessagesIntendedInsideTheWindow() {
    DeliveryStats stats = new DeliveryStats();
    stats.window(100 * MS, 200 * MS);
    stats.offered(99 * MS, 10, true);
    stats.offered(100 * MS, 10, true);
    stats.offered(199 * MS, 10, false);
    stats.offered(200 * MS, 10, true);
    stats.delivered(99 * MS, 120 * MS);
    stats.delivered(100 * MS, 105 * MS);
    stats.delivered(150 * MS, 160 * MS);

    Tally tally = stats.tally();
    assertThat(tally.messages()).isEqualTo(2);
    assertThat(tally.offered()).isEqualTo(20);
    assertThat(tally.unsent()).isEqualTo(1);
    assertThat(tally.delivered()).isEqualTo(2);
    assertThat(tally.outside()).isEqualTo(1);
    assertThat(tally.deliveredPercent()).isEqualTo(10.0);
  }

  @Test
  void measuresLatencyFromTheIntendedTimeSoThatAStallCounts() {
    DeliveryStats stats = new DeliveryStats();
    stats.window(0, 1000 * MS);
    for (int i = 0; i < 99; i++) {
      stats.delivered(i * MS, i * MS + 2 * MS);
    }
    // One message whose sender stalled: sent late, measured from when it was due.
    stats.delivered(500 * MS, 800 * MS);

    Tally tally = stats.tally();
    assertThat(tally.latencyMillis(50)).isCloseTo(2.0, within(0.01));
    assertThat(tally.maxLatencyMillis()).isCloseTo(300.0, within(0.5));
    assertThat(tally.latencyMillis(99.9)).isCloseTo(300.0, within(0.5));
  }

  @Test
  void aNewWindowForgetsTheOldOneButKeepsHandshakes() {
    DeliveryStats stats = new DeliveryStats();
    stats.window(0, 10 * MS);
    stats.offered(1 * MS, 5, true);
    stats.delivered(1 * MS, 2 * MS);
    stats.handshake(3 * MS);
    stats.window(10 * MS, 20 * MS);

    Tally tally = stats.tally();
    assertThat(tally.offered()).isZero();
    assertThat(tally.delivered()).isZero();
    assertThat(tally.latencyMicros().getTotalCount()).isZero();
    assertThat(tally.handshakeMicros().getTotalCount()).isEqualTo(1);
  }

  @Test
  void aWarmRampsHandshakesAreForgotten() {
    DeliveryStats stats = new DeliveryStats();
    stats.handshake(900 * MS);
    stats.forgetHandshakes();
    stats.handshake(3 * MS);
    assertThat(stats.tally().handshakeMicros().getTotalCount()).isEqualTo(1);
    assertThat(stats.tally().handshakeMicros().getMaxValue()).isLessThan(4_000);
  }

  @Test
  void talliesOfSeveralEventLoopsAddUp() {
    DeliveryStats a = new DeliveryStats();
    DeliveryStats b = new DeliveryStats();
    a.window(0, 100 * MS);
    b.window(0, 100 * MS);
    a.offered(1 * MS, 3, true);
    b.offered(2 * MS, 3, true);
    a.delivered(1 * MS, 11 * MS);
    b.delivered(2 * MS, 42 * MS);

    Tally sum = Tally.empty().plus(a.tally()).plus(b.tally());
    assertThat(sum.offered()).isEqualTo(6);
    assertThat(sum.delivered()).isEqualTo(2);
    assertThat(sum.latencyMicros().getTotalCount()).isEqualTo(2);
    assertThat(sum.maxLatencyMillis()).isCloseTo(40.0, within(0.1));
  }

  @Test
  void emptyTallyReportsZeroLatencyAndFullDelivery() {
    Tally empty = Tally.empty();
    assertThat(empty.latencyMillis(99)).isZero();
    assertThat(empty.deliveredPercent()).isEqualTo(100.0);
  }

  @Test
  void messagesALaggingGeneratorNeverSentCountAsOfferedAndUnsent() {
    DeliveryStats stats = new DeliveryStats();
    stats.window(0, 100 * MS);
    stats.offered(1 * MS, 10, true);
    stats.delivered(1 * MS, 2 * MS);

    Tally tally = stats.tally().withPlanned(4, 40);
    assertThat(tally.messages()).isEqualTo(4);
    assertThat(tally.offered()).isEqualTo(40);
    assertThat(tally.unsent()).isEqualTo(3);
    assertThat(tally.deliveredPercent()).isEqualTo(2.5);
  }
}
