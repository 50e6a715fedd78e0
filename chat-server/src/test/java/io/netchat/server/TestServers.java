package io.netchat.server;

import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.config.TimeoutsConfig;
import java.time.Duration;
import java.util.List;

/** Configurations for tests: ephemeral loopback ports and limits shaped per test. */
final class TestServers {
  private TestServers() {}

  static ListenerConfig loopback(String framing, String codec) {
    return new ListenerConfig("127.0.0.1", 0, framing, codec);
  }

  static ServerConfig config(ListenerConfig... listeners) {
    return ServerConfig.defaults().withListeners(List.of(listeners));
  }

  static ServerConfig jsonOnLoopback() {
    return config(loopback("length", "json"));
  }

  /** Default limits with the named ones changed; unnamed stay at their defaults. */
  static LimitsConfig limits(Integer maxMembersPerRoom, Integer maxRoomsPerSession, Integer maxConnectionsPerIp,
      Integer historySize, Integer messagesPerSecond, Integer burst, Integer floodDisconnectAfter, Long maxOutboundBytes) {
    LimitsConfig d = LimitsConfig.defaults();
    return new LimitsConfig(d.maxFrameLength(), d.maxTextLength(), d.maxRooms(),
        or(maxMembersPerRoom, d.maxMembersPerRoom()), or(maxRoomsPerSession, d.maxRoomsPerSession()),
        d.maxConnections(), or(maxConnectionsPerIp, d.maxConnectionsPerIp()),
        or(historySize, d.historySize()), d.maxHistoryPerRequest(),
        d.outboundHighWaterMark(), d.outboundLowWaterMark(),
        maxOutboundBytes == null ? d.maxOutboundBytes() : maxOutboundBytes,
        or(messagesPerSecond, d.messagesPerSecond()), or(burst, d.burst()),
        or(floodDisconnectAfter, d.floodDisconnectAfter()));
  }

  static TimeoutsConfig timeouts(Duration hello, Duration idle, Duration pong) {
    return new TimeoutsConfig(hello, idle, pong, Duration.ofSeconds(2));
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
