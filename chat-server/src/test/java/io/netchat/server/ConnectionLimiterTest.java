package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ServerGauges;
import io.netchat.server.metrics.ServerMeters;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Connection counting: the total and per-address limits at their boundaries, and giving slots back. */
class ConnectionLimiterTest {
  private final InetAddress a = address(127, 0, 0, 1);
  private final InetAddress b = address(127, 0, 0, 2);

  @Test
  void admitsUpToTheTotalAndRefusesTheNext() {
    ConnectionLimiter limiter = new ConnectionLimiter(2, 10);

    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.tryAcquire(b)).isNull();
    assertThat(limiter.tryAcquire(b)).isEqualTo("the server has its maximum of 2 connections");
    assertThat(limiter.open()).isEqualTo(2);
  }

  @Test
  void admitsUpToThePerAddressLimitAndRefusesTheNextFromThatAddressOnly() {
    ConnectionLimiter limiter = new ConnectionLimiter(10, 2);

    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.tryAcquire(a)).isEqualTo("too many connections from 127.0.0.1 (limit 2)");
    assertThat(limiter.open()).as("a refusal holds no slot").isEqualTo(2);
    assertThat(limiter.tryAcquire(b)).isNull();
    assertThat(limiter.open()).isEqualTo(3);
  }

  @Test
  void aReleasedSlotCanBeTakenAgainButNoMore() {
    ConnectionLimiter limiter = new ConnectionLimiter(10, 2);
    limiter.tryAcquire(a);
    limiter.tryAcquire(a);

    limiter.release(a);
    assertThat(limiter.open()).isEqualTo(1);
    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.tryAcquire(a)).as("the address still holds two").isNotNull();
  }

  @Test
  void anAddressThatLeftEntirelyStartsAgainFromZero() {
    ConnectionLimiter limiter = new ConnectionLimiter(10, 1);
    assertThat(limiter.tryAcquire(a)).isNull();
    limiter.release(a);

    assertThat(limiter.open()).isZero();
    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.tryAcquire(a)).isNotNull();
  }

  @Test
  void theTotalLimitIsCheckedBeforeTheAddressIsCounted() {
    ConnectionLimiter limiter = new ConnectionLimiter(1, 5);
    assertThat(limiter.tryAcquire(b)).isNull();
    assertThat(limiter.tryAcquire(a)).startsWith("the server has its maximum");

    limiter.release(b);
    assertThat(limiter.tryAcquire(a)).isNull();
    assertThat(limiter.open()).isEqualTo(1);
  }

  @Test
  void aConnectionWithoutAnInetAddressCountsOnlyTowardsTheTotal() {
    ConnectionLimiter limiter = new ConnectionLimiter(2, 1);

    assertThat(limiter.tryAcquire(null)).isNull();
    assertThat(limiter.tryAcquire(null)).isNull();
    assertThat(limiter.tryAcquire(a)).isEqualTo("the server has its maximum of 2 connections");
    limiter.release(null);
    assertThat(limiter.open()).isEqualTo(1);
    assertThat(limiter.tryAcquire(a)).isNull();
  }

  @Test
  void eachRefusalIsCountedUnderTheLimitThatRefusedIt() {
    ChatCounters counters = new ChatCounters(0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LongSupplier none = () -> 0;
    new ServerMeters(counters, new ServerGauges(none, none, none, none, none, none, none, none, none, none, none),
        List.of()).bindTo(registry);
    ConnectionLimiter limiter = new ConnectionLimiter(() -> 2, () -> 1, counters);

    limiter.tryAcquire(a);
    limiter.tryAcquire(a);
    limiter.tryAcquire(b);
    limiter.tryAcquire(b);

    assertThat(refused(registry, ChatCounters.Refusal.MAX_CONNECTIONS_PER_IP)).isEqualTo(1);
    assertThat(refused(registry, ChatCounters.Refusal.MAX_CONNECTIONS)).isEqualTo(1);
    assertThat(refused(registry, ChatCounters.Refusal.SHUTTING_DOWN)).isZero();
  }

  private static double refused(SimpleMeterRegistry registry, ChatCounters.Refusal reason) {
    return registry.get("netchat.connections.refused").tag("reason", reason.label()).functionCounter().count();
  }

  private static InetAddress address(int... octets) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) octets[0], (byte) octets[1], (byte) octets[2], (byte) octets[3]});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
