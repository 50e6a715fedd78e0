package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.bench.scenario.FanoutLayout;
import io.netchat.codec.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's IRC path end to end over loopback against {@link TinyIrcServer}, which needs no
 * ngIRCd: registration with {@code server-time}, {@code JOIN}, a {@code PING} answered, and every
 * tagged {@code PRIVMSG} reaching every member but its sender and timed.
 */
class LoadClientIrcTest {

  @Test
  void everyMemberButTheSenderReceivesAndTimesEveryMessage() throws Exception {
    int members = 5;
    try (TinyIrcServer server = new TinyIrcServer()) {
      BenchClock clock = new BenchClock();
      try (LoadClient client = new LoadClient(server.address(), null, Protocol.IRC, Transport.best(), 1, clock)) {
        ConnectResult connected = client.connect(FanoutLayout.plans(members, members, 100), 2, Duration.ofSeconds(20));
        assertThat(connected.failed()).as(String.valueOf(connected.firstFailure())).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.pongs() == members);

        List<Publisher> publishers = new ArrayList<>();
        for (int index : FanoutLayout.publisherIndexes(1, members, 2)) {
          publishers.add(new Publisher(connected.channels().get(index), "r0", Protocol.IRC.recipients(members)));
        }
        long start = clock.now();
        long end = start + 200_000_000L;
        client.window(start, end);
        client.publish(new PublishPlan(100, 2, start, end), publishers, 128);

        await().atMost(Duration.ofSeconds(15)).until(() -> {
          Tally tally = client.tally();
          return clock.now() > end && tally.offered() > 0 && tally.delivered() == tally.offered();
        });
        Tally tally = client.tally();
        assertThat(tally.messages()).isEqualTo(20);
        assertThat(tally.offered()).isEqualTo(20L * (members - 1));
        assertThat(tally.latencyMicros().getTotalCount()).isEqualTo(tally.delivered());
        assertThat(tally.outside()).isZero();
        assertThat(client.errors().byKind()).isEmpty();
      }
    }
  }
}
