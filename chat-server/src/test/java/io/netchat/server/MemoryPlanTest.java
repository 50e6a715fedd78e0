package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.ConfigLoader;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.MemoryConfig;
import io.netchat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The start-up fit of the limits and budgets, over computed figures of JVMs that do not run here. */
class MemoryPlanTest {
  private static final long MIB = 1024 * 1024;
  /** The shipped systemd unit: -Xmx512m, direct memory defaulting to the same. */
  private static final JvmMemory UNIT = new JvmMemory(512 * MIB, 512 * MIB, 0, true);
  private static final ConfigLoader LOADER = new ConfigLoader(CodecRegistry.load());

  @Test
  void theShippedConfigFitsTheShippedUnitsHeapWithBudgetsDerivedFromIt() {
    ServerConfig shipped = LOADER.load(Path.of("..", "config", "server.yaml")).server();

    MemoryPlan plan = MemoryPlan.of(shipped, UNIT);

    long usableHeap = 384 * MIB - 10_000 * MemoryPlan.CONNECTION_HEAP; // 3/4 of 512 MiB less 10,000 connections
    assertThat(plan.historyBytes()).isEqualTo(usableHeap / 2);
    assertThat(plan.outboundBytes()).isEqualTo(192 * MIB); // half of the usable 384 MiB of direct memory
    assertThat(plan.inboundBytes()).isEqualTo(48 * MIB); // an eighth: it counts twice
    assertThat(plan).hasToString("inbound 48 MiB, outbound 192 MiB, history 152.9 MiB (heap 512 MiB, direct 512 MiB)");
  }

  @Test
  void theDefaultsFitASmallHeapAndHeapBuffersToo() {
    MemoryPlan small = MemoryPlan.of(ServerConfig.defaults(), new JvmMemory(128 * MIB, 128 * MIB, 0, true));
    assertThat(small.historyBytes()).isPositive();

    JvmMemory heapOnly = new JvmMemory(512 * MIB, 512 * MIB, 0, false);
    MemoryPlan onHeap = MemoryPlan.of(ServerConfig.defaults(), heapOnly);
    long usableHeap = 384 * MIB - 10_000 * MemoryPlan.CONNECTION_HEAP;
    assertThat(onHeap.historyBytes() + onHeap.outboundBytes() + 2 * onHeap.inboundBytes()).isLessThanOrEqualTo(usableHeap);
  }

  @Test
  void directMemoryAlreadyInUseIsNotCountedAsAvailable() {
    MemoryPlan fresh = MemoryPlan.of(ServerConfig.defaults(), UNIT);
    MemoryPlan busy = MemoryPlan.of(ServerConfig.defaults(), new JvmMemory(512 * MIB, 512 * MIB, 256 * MIB, true));
    assertThat(busy.outboundBytes()).isEqualTo(fresh.outboundBytes() / 2);
  }

  @Test
  void configuredBudgetsAreTakenAsGiven() {
    MemoryPlan plan = MemoryPlan.of(with(new MemoryConfig(1_000_000, 8 * MIB, 16 * MIB, Duration.ofSeconds(1))), UNIT);
    assertThat(plan.inboundBytes()).isEqualTo(1_000_000);
    assertThat(plan.outboundBytes()).isEqualTo(8 * MIB);
    assertThat(plan.historyBytes()).isEqualTo(16 * MIB);
  }

  @Test
  void moreConnectionsThanTheHeapCanHoldNamesMaxConnections() {
    ServerConfig config = ServerConfig.defaults().withLimits(maxConnections(100_000));
    assertRefused(config, UNIT, "limits.max_connections",
        "limits.max_connections = 100000: at 8 KiB of heap each, these connections need 781.3 MiB");
  }

  @Test
  void historyThatCannotFitTheHeapNamesHistoryBytes() {
    assertRefused(with(new MemoryConfig(0, 0, 400 * MIB, Duration.ofSeconds(1))), UNIT, "memory.history_bytes",
        "memory.history_bytes: 400 MiB does not fit the heap left after limits.max_connections = 10000 × 8 KiB:"
            + " 305.9 MiB");
  }

  @Test
  void inboundAndOutboundThatCannotFitDirectMemoryNameBothKeys() {
    assertRefused(with(new MemoryConfig(100 * MIB, 200 * MIB, 0, Duration.ofSeconds(1))), UNIT,
        "memory.inbound_bytes, memory.outbound_bytes", "2 × 100 MiB + 200 MiB = 400 MiB does not fit the usable"
            + " three quarters (384 MiB)");
  }

  @Test
  void withHeapBuffersInboundAndOutboundCountAgainstTheHeap() {
    JvmMemory heapOnly = new JvmMemory(512 * MIB, 512 * MIB, 0, false);
    assertRefused(with(new MemoryConfig(50 * MIB, 200 * MIB, 100 * MIB, Duration.ofSeconds(1))), heapOnly,
        "memory.history_bytes, memory.outbound_bytes, memory.inbound_bytes", "100 MiB + 200 MiB + 2 × 50 MiB");
  }

  @Test
  void oneConnectionsQueueMayNotExceedTheGlobalOutboundBudget() {
    assertRefused(with(new MemoryConfig(0, 2 * MIB, 0, Duration.ofSeconds(1))), UNIT, "limits.max_outbound_bytes",
        "limits.max_outbound_bytes = 4194304: one connection's queue must not exceed the global memory.outbound_bytes"
            + " (2097152)");
  }

  @Test
  void theInboundBudgetMustHoldOneWholeFrame() {
    assertRefused(with(new MemoryConfig(65_539, 0, 0, Duration.ofSeconds(1))), UNIT, "memory.inbound_bytes",
        "memory.inbound_bytes = 65539: must hold at least one whole frame: limits.max_frame_length + 4 = 65540");
  }

  @Test
  void theHistoryBudgetMustHoldOneMessage() {
    assertRefused(with(new MemoryConfig(0, 0, 1000, Duration.ofSeconds(1))), UNIT, "memory.history_bytes",
        "memory.history_bytes = 1000: must hold at least one message");
  }

  @Test
  void theMemorySectionIsReadWithItsRules() {
    ServerConfig config = LOADER.parse("memory:\n  inbound_bytes: 1048576\n  frame_timeout: 2s\n").server();
    assertThat(config.memory()).isEqualTo(new MemoryConfig(1_048_576, 0, 0, Duration.ofSeconds(2)));
    assertThat(LOADER.parse("").server().memory()).isEqualTo(MemoryConfig.defaults());

    assertThatThrownBy(() -> LOADER.parse("memory:\n  frame_timeout: 0s\n"))
        .hasMessageContaining("memory.frame_timeout = \"0s\": expected a positive duration");
    assertThatThrownBy(() -> LOADER.parse("memory:\n  history_bytes: -1\n"))
        .hasMessageContaining("memory.history_bytes = -1: expected an integer of at least 0");
    assertThatThrownBy(() -> LOADER.parse("memory:\n  inbound: 5\n"))
        .hasMessageContaining("memory.inbound = 5: unknown key; known keys under memory: inbound_bytes, outbound_bytes,"
            + " history_bytes, frame_timeout");
  }

  private static ServerConfig with(MemoryConfig memory) {
    return ServerConfig.defaults().withMemory(memory);
  }

  private static LimitsConfig maxConnections(int maxConnections) {
    return LimitsConfig.builder().maxConnections(maxConnections).build();
  }

  private static void assertRefused(ServerConfig config, JvmMemory jvm, String key, String message) {
    assertThatThrownBy(() -> MemoryPlan.of(config, jvm))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(message);
  }
}
