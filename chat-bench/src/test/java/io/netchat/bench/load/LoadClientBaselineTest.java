package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.bench.baseline.BaselineServer;
import io.netchat.bench.scenario.FanoutLayout;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.Transport;
import io.netchat.codec.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator against the baseline over loopback: every offered delivery arrives and is timed. */
class LoadClientBaselineTest {

  @Test
  void deliversEveryOfferedMessageToEveryMemberOfItsRoom() throws Exception {
    int rooms = 2;
    int members = 4;
    try (BaselineServer server = BaselineServer.start("127.0.0.1", 0, Transport.best(), 100, 1024 * 1024)) {
      BenchClock clock = new BenchClock();
      WireFormat format = WireFormat.of("length", "json", Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load());
      try (LoadClient client = new LoadClient(server.address(), format, Protocol.BASELINE, Transport.best(), 1, clock)) {
        ConnectResult connected = client.connect(FanoutLayout.plans(rooms * members, members, 10), 3,
            Duration.ofSeconds(20));
        assertThat(connected.failed()).isZero();
        assertThat(connected.connected()).isEqualTo(8);
        assertThat(client.tally().handshakeMicros().getTotalCount()).isEqualTo(8);

        List<Publisher> publishers = new ArrayList<>();
        for (int index : FanoutLayout.publisherIndexes(rooms, members, 2)) {
          publishers.add(new Publisher(connected.channels().get(index), "r" + index / members, members));
        }
        long start = clock.now();
        long end = start + 200_000_000L;
        client.window(start, end);
        client.publish(new PublishPlan(200, 2, start, end), publishers, 64);

        await().atMost(Duration.ofSeconds(15)).until(() -> {
          Tally tally = client.tally();
          return clock.now() > end && tally.offered() > 0 && tally.delivered() == tally.offered();
        });
        Tally tally = client.tally();
        assertThat(tally.messages()).isEqualTo(40);
        assertThat(tally.offered()).isEqualTo(40L * members);
        assertThat(tally.latencyMicros().getTotalCount()).isEqualTo(tally.delivered());
        assertThat(tally.unsent()).isZero();
        assertThat(client.errors().total()).isZero();
      }
    }
  }
}
