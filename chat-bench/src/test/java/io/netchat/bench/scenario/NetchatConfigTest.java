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

  @Test
  void eachFeatureVariantsConfigIsOneTheDaemonLoadsWithThatFeatureOn(@TempDir Path dir) throws Exception {
    BenchSettings plain = plainSettings(dir).withServerTransport("io_uring");
    FeatureVariants variants = FeatureVariants.of(plain, java.util.List.of("tls", "commit", "metrics"));
    assertThat(variants.variants()).extracting(Variant::label).containsExactly("plain", "tls", "commit", "metrics");
    java.util.Map<String, ServerConfig> loaded = new java.util.HashMap<>();
    for (Variant variant : variants.variants()) {
      java.util.Map<String, String> sections = new java.util.LinkedHashMap<>(variant.settings().configSections());
      sections.put("transport", variant.settings().serverTransport());
      Path file = NetchatConfig.write(dir.resolve(variant.label()), "features", "length", "json", 1000, 1000, null,
          sections);
      loaded.put(variant.label(), new ConfigLoader(CodecRegistry.load()).load(file).server());
    }
    assertThat(loaded.get("plain").store().type()).isEqualTo(StoreConfig.Type.MEMORY);
    assertThat(loaded.get("plain").transport()).isEqualTo(io.netchat.codec.Transport.IO_URING);
    assertThat(loaded.get("commit").store().type()).isEqualTo(StoreConfig.Type.SQLITE);
    assertThat(loaded.get("commit").store().durability()).isEqualTo(StoreConfig.Durability.COMMIT);
    assertThat(loaded.get("commit").store().dataDir()).isEqualTo(dir.resolve("logs").resolve("features-data").toAbsolutePath());
    assertThat(variants.variants().get(1).settings().targets()).containsExactly(Target.NETCHAT_TLS);
    assertThat(variants.variants().get(3).settings().configSections()).containsKey("admin");
  }

  @Test
  void theIrcRowRunsNetchatsIrcListenerSpokenToInIrc(@TempDir Path dir) {
    FeatureVariants variants = FeatureVariants.of(plainSettings(dir), java.util.List.of("irc"));
    assertThat(variants.variants()).extracting(Variant::label).containsExactly("plain", "irc");
    assertThat(variants.variants().get(1).settings().targets()).containsExactly(Target.NETCHAT_IRC);
    assertThat(Target.NETCHAT_IRC.protocol()).isEqualTo(io.netchat.bench.load.Protocol.IRC);
  }

  private static BenchSettings plainSettings(Path dir) {
    return new BenchSettings(java.util.List.of(Target.NETCHAT), "127.0.0.1", dir.resolve("x.jar"),
        Path.of("/usr/sbin/ngircd"), null, java.util.List.of(), -1, -1, 1, "length", "json", dir, 1, 1,
        java.time.Duration.ofSeconds(1), "auto", java.util.Map.of());
  }
}
