package io.netchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.server.config.ConfigLoader;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config the bench writes is one the daemon's own loader accepts, with the limits lifted. */
class NetchatConfigTest {

  @Test
  void theDaemonLoadsItWithTheLimitsALoadTestNeeds(@TempDir Path dir) throws Exception {
    Path file = NetchatConfig.write(dir, "idle", "length", "cbor", 15_000, 10);
    ServerConfig config = new ConfigLoader(CodecRegistry.load()).load(file).server();

    LimitsConfig limits = config.limits();
    assertThat(limits.maxConnections()).isGreaterThanOrEqualTo(15_000);
    assertThat(limits.maxConnectionsPerIp()).isGreaterThanOrEqualTo(15_000);
    assertThat(limits.maxRooms()).isGreaterThanOrEqualTo(1_500);
    assertThat(limits.messagesPerSecond()).isGreaterThanOrEqualTo(100_000);
    assertThat(limits.burst()).isGreaterThanOrEqualTo(100_000);
    assertThat(limits.maxMembersPerRoom()).isGreaterThanOrEqualTo(1_000);
    assertThat(limits.roomCreationBurst()).as("1,500 rooms created from one address at once").isGreaterThanOrEqualTo(1_500);
    assertThat(config.store().type()).as("no database left behind by a run").isEqualTo(StoreConfig.Type.MEMORY);
    assertThat(config.listeners()).hasSize(1);
    assertThat(config.listeners().get(0).codec()).isEqualTo("cbor");
    assertThat(config.listeners().get(0).host()).isEqualTo("127.0.0.1");
  }
}
