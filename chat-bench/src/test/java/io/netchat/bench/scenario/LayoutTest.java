package io.netchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.bench.load.ConnectionPlan;
import io.netchat.bench.load.SourceAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayoutTest {

  @Test
  void connectionsFillRoomsInOrder() {
    List<ConnectionPlan> plans = FanoutLayout.plans(25, 10, 20_000);
    assertThat(plans).hasSize(25);
    assertThat(plans.get(0).room()).isEqualTo("r0");
    assertThat(plans.get(9).room()).isEqualTo("r0");
    assertThat(plans.get(10).room()).isEqualTo("r1");
    assertThat(plans.get(24).room()).isEqualTo("r2");
    assertThat(plans.stream().map(ConnectionPlan::nick).distinct()).hasSize(25);
    assertThat(plans).allMatch(p -> p.source() == null);
  }

  @Test
  void aWarmRampHasNicksAndRoomsOfItsOwn() {
    List<ConnectionPlan> warm = FanoutLayout.plans(25, 10, 20_000, "w", "w");
    List<ConnectionPlan> measured = FanoutLayout.plans(25, 10, 20_000);
    assertThat(warm.get(0).nick()).isEqualTo("w0");
    assertThat(warm.get(24).room()).isEqualTo("w2");
    assertThat(warm).extracting(ConnectionPlan::nick).doesNotContainAnyElementsOf(
        measured.stream().map(ConnectionPlan::nick).toList());
    assertThat(warm).extracting(ConnectionPlan::room).doesNotContainAnyElementsOf(
        measured.stream().map(ConnectionPlan::room).toList());
  }

  @Test
  void publishersAreSpreadOverTheRooms() {
    int[] indexes = FanoutLayout.publisherIndexes(3, 10, 7);
    assertThat(indexes).containsExactly(0, 10, 20, 1, 11, 21, 2);
    assertThatThrownBy(() -> FanoutLayout.publisherIndexes(1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manyConnectionsAreSpreadEvenlyOverLoopbackSources() {
    List<InetAddress> sources = SourceAddresses.assign(50_000, 20_000);
    var perAddress = sources.stream().collect(Collectors.groupingBy(InetAddress::getHostAddress, Collectors.counting()));
    assertThat(perAddress).containsOnlyKeys("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(perAddress.values()).allMatch(count -> count <= 20_000);
    assertThat(sources).allMatch(Objects::nonNull).allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void specsRejectUnboundedOrImpossibleLoads() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new FanoutSpec(100, 1000, 10, 1000, 128, s, s, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FanoutSpec(1, 10, 11, 1000, 128, s, s, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FanoutSpec(1, 10, 1, 1000, 10, s, s, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FanoutSpec(1, 10, 1, 1000, 128, s, Duration.ofHours(1), s))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdleSpec(50_000, 10, s)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdleSpec(100, 10, s, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdleSpec(100, 10, s, 50_000)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new IdleSpec(100, 10, s).warmRamp()).isZero();
    FanoutSpec ok = new FanoutSpec(1, 10, 1, 1000, 128, s, s, s);
    assertThatThrownBy(() -> new SweepSpec(ok, 1000, 1.0, 5, 100, 99, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SweepSpec(ok, 1000, 2, 500, 100, 99, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
