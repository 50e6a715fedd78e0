package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.bench.scenario.FanoutLayout;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.Transport;
import io.netchat.codec.WireFormat;
import io.netchat.server.ChatServer;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator against an in-process netchat server: hello, join, say and timed room deliveries. */
class LoadClientNetchatTest {

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void joinsRoomsAndTimesEveryDeliveryOfEveryMember(String codec) throws Exception {
    int rooms = 2;
    int members = 5;
    ServerConfig config = ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig("127.0.0.1", 0, "length", codec)))
        .withLimits(generousLimits())
        .withStore(StoreConfig.defaults().withType(StoreConfig.Type.MEMORY));
    try (ChatServer server = ChatServer.start(config)) {
      BenchClock clock = new BenchClock();
      WireFormat format = WireFormat.of("length", codec, Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load());
      try (LoadClient client = new LoadClient(server.addresses().get(0), format, Protocol.NETCHAT,
          Transport.best(), 1, clock)) {
        ConnectResult connected = client.connect(FanoutLayout.plans(rooms * members, members, 100), 4,
            Duration.ofSeconds(20));
        assertThat(connected.failed()).as(String.valueOf(connected.firstFailure())).isZero();
        assertThat(server.connectionCount()).isEqualTo(10);

        List<Publisher> publishers = new ArrayList<>();
        for (int index : FanoutLayout.publisherIndexes(rooms, members, 4)) {
          publishers.add(new Publisher(connected.channels().get(index), "r" + index / members, members));
        }
        long start = clock.now();
        long end = start + 300_000_000L;
        client.window(start, end);
        client.publish(new PublishPlan(100, 4, start, end), publishers, 128);

        await().atMost(Duration.ofSeconds(15)).until(() -> {
          Tally tally = client.tally();
          return clock.now() > end && tally.offered() > 0 && tally.delivered() == tally.offered();
        });
        Tally tally = client.tally();
        assertThat(tally.messages()).isEqualTo(30);
        assertThat(tally.offered()).isEqualTo(30L * members);
        assertThat(client.errors().byKind()).isEmpty();
      }
    }
  }

  private static LimitsConfig generousLimits() {
    return LimitsConfig.builder().messagesPerSecond(10_000).burst(10_000).build();
  }
}
