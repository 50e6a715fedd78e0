package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netchat.bench.scenario.FanoutLayout;
import io.netchat.bench.server.CpuPinning;
import io.netchat.bench.server.NgircdConfig;
import io.netchat.bench.server.ServerCommand;
import io.netchat.bench.server.ServerProcess;
import io.netchat.codec.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's IRC client against the real ngIRCd over loopback, started as the bench starts
 * it: every member registers and joins, and every message of the publisher reaches the three
 * other members and is timed. Skipped where ngIRCd is not installed, except under {@code CI=true}.
 */
class LoadClientNgircdTest {

  /** Skips without ngIRCd, unless under CI, where its absence fails the test. */
  static void assumeNgircdInstalled() {
    boolean installed = NgircdConfig.installed(NgircdConfig.DEFAULT_BINARY);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(installed).as("CI=true needs ngIRCd at %s (.ci/run installs the Debian package ngircd)",
          NgircdConfig.DEFAULT_BINARY).isTrue();
    }
    assumeTrue(installed, "ngIRCd is not installed at " + NgircdConfig.DEFAULT_BINARY + " (Debian package ngircd)");
  }

  @Test
  void threeSubscribersReceiveAndTimeEveryMessageOfOnePublisher(@TempDir Path dir) throws Exception {
    assumeNgircdInstalled();
    InetSocketAddress address = ServerProcess.freeLoopbackAddress("127.0.0.1");
    ServerCommand command = ServerCommand.ngircd(NgircdConfig.DEFAULT_BINARY, address,
        NgircdConfig.write(dir, address), new CpuPinning(null, 1), -1);
    try (ServerProcess server = ServerProcess.start(command, dir.resolve("ngircd.log"), Duration.ofSeconds(30))) {
      BenchClock clock = new BenchClock();
      try (LoadClient client = new LoadClient(address, null, Protocol.IRC, Transport.best(), 1, clock)) {
        int members = 4;
        ConnectResult connected = client.connect(FanoutLayout.plans(members, members, 100), 4, Duration.ofSeconds(30));
        assertThat(connected.failed()).as(String.valueOf(connected.firstFailure())).isZero();
        assertThat(client.tally().handshakeMicros().getTotalCount()).isEqualTo(members);

        // One message a second: what ngIRCd's flood control lets a client keep up.
        Publisher publisher = new Publisher(connected.channels().get(0), "r0", Protocol.IRC.recipients(members));
        long start = clock.now();
        long end = start + 3_000_000_000L;
        client.window(start, end);
        client.publish(new PublishPlan(1, 1, start, end), List.of(publisher), 128);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
          Tally tally = client.tally();
          return clock.now() > end && tally.offered() > 0 && tally.delivered() == tally.offered();
        });
        Tally tally = client.tally();
        assertThat(tally.messages()).isEqualTo(3);
        assertThat(tally.offered()).isEqualTo(3L * 3);
        assertThat(tally.latencyMicros().getTotalCount()).isEqualTo(tally.delivered());
        assertThat(tally.outside()).isZero();
        assertThat(tally.unsent()).isZero();
        assertThat(client.errors().byKind()).isEmpty();
        assertThat(server.isAlive()).isTrue();
      }
    }
  }
}
