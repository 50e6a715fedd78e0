package io.netchat.server;

import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.config.TimeoutsConfig;
import io.netchat.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Configurations for tests: ephemeral loopback ports and limits shaped per test. */
final class TestServers {
  private TestServers() {}

  static ListenerConfig loopback(String framing, String codec) {
    return new ListenerConfig("127.0.0.1", 0, framing, codec);
  }

  /** A server on {@code listeners} with the memory store: tests that are about sqlite say so. */
  static ServerConfig config(ListenerConfig... listeners) {
    return ServerConfig.defaults().withListeners(List.of(listeners)).withStore(MEMORY);
  }

  /** The memory store: nothing on disk, history in the rooms' rings only. */
  static final StoreConfig MEMORY = StoreConfig.defaults().withType(StoreConfig.Type.MEMORY);

  /** The sqlite store in {@code dir}, with {@code durability}. */
  static StoreConfig sqlite(Path dir, StoreConfig.Durability durability) {
    StoreConfig d = StoreConfig.defaults();
    return new StoreConfig(StoreConfig.Type.SQLITE, durability, dir, d.queueCapacity(), d.historyRetention());
  }

  static ServerConfig jsonOnLoopback() {
    return config(loopback("length", "json"));
  }

  /** Default limits with the named ones changed; unnamed stay at their defaults. */
  static LimitsConfig limits(Integer maxMembersPerRoom, Integer maxRoomsPerSession, Integer maxConnectionsPerIp,
      Integer historySize, Integer messagesPerSecond, Integer burst, Integer floodDisconnectAfter, Long maxOutboundBytes) {
    LimitsConfig d = LimitsConfig.defaults();
    return LimitsConfig.builder()
        .maxMembersPerRoom(or(maxMembersPerRoom, d.maxMembersPerRoom()))
        .maxRoomsPerSession(or(maxRoomsPerSession, d.maxRoomsPerSession()))
        .maxConnectionsPerIp(or(maxConnectionsPerIp, d.maxConnectionsPerIp()))
        .historySize(or(historySize, d.historySize()))
        .messagesPerSecond(or(messagesPerSecond, d.messagesPerSecond()))
        .burst(or(burst, d.burst()))
        .floodDisconnectAfter(or(floodDisconnectAfter, d.floodDisconnectAfter()))
        .maxOutboundBytes(maxOutboundBytes == null ? d.maxOutboundBytes() : maxOutboundBytes)
        .build();
  }

  static TimeoutsConfig timeouts(Duration hello, Duration idle, Duration pong) {
    return TimeoutsConfig.defaults().withHello(hello).withIdle(idle).withPong(pong)
        .withShutdownGrace(Duration.ofSeconds(2));
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
