package io.netchat.server.config;

/**
 * Every bound the server enforces. Memory stays bounded because each of these is finite.
 *
 * @param maxFrameLength longest frame payload in bytes (both directions)
 * @param maxTextLength longest {@code text} of say/dm/topic, in chars
 * @param maxRooms rooms that may exist at once
 * @param maxMembersPerRoom members one room may hold
 * @param maxRoomsPerSession rooms one session may be in at once
 * @param maxConnections connections open at once, all listeners together
 * @param maxConnectionsPerIp connections open at once from one remote address
 * @param historySize messages kept per room (the window for {@code since} and {@code history})
 * @param maxHistoryPerRequest most messages one {@code history} answer or join backlog holds
 * @param outboundHighWaterMark outbound bytes queued on a connection above which it is unwritable
 * @param outboundLowWaterMark outbound bytes below which it is writable again
 * @param maxOutboundBytes outbound bytes queued on a connection above which it is a slow
 *     consumer and is disconnected
 * @param messagesPerSecond sustained commands per second per connection (token bucket rate)
 * @param burst commands allowed in a burst (token bucket size)
 * @param floodDisconnectAfter consecutive {@code rate_limited} answers after which the
 *     connection is closed
 */
public record LimitsConfig(
    int maxFrameLength,
    int maxTextLength,
    int maxRooms,
    int maxMembersPerRoom,
    int maxRoomsPerSession,
    int maxConnections,
    int maxConnectionsPerIp,
    int historySize,
    int maxHistoryPerRequest,
    int outboundHighWaterMark,
    int outboundLowWaterMark,
    long maxOutboundBytes,
    int messagesPerSecond,
    int burst,
    int floodDisconnectAfter) {

  public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;
  public static final int DEFAULT_MAX_TEXT_LENGTH = 4096;
  public static final int DEFAULT_MAX_ROOMS = 10_000;
  public static final int DEFAULT_MAX_MEMBERS_PER_ROOM = 1_000;
  public static final int DEFAULT_MAX_ROOMS_PER_SESSION = 50;
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 100;
  public static final int DEFAULT_HISTORY_SIZE = 500;
  public static final int DEFAULT_MAX_HISTORY_PER_REQUEST = 100;
  public static final int DEFAULT_OUTBOUND_HIGH_WATER_MARK = 256 * 1024;
  public static final int DEFAULT_OUTBOUND_LOW_WATER_MARK = 128 * 1024;
  public static final long DEFAULT_MAX_OUTBOUND_BYTES = 4L * 1024 * 1024;
  public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
  public static final int DEFAULT_BURST = 40;
  public static final int DEFAULT_FLOOD_DISCONNECT_AFTER = 50;

  public static LimitsConfig defaults() {
    return new LimitsConfig(DEFAULT_MAX_FRAME_LENGTH, DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_ROOMS,
        DEFAULT_MAX_MEMBERS_PER_ROOM, DEFAULT_MAX_ROOMS_PER_SESSION, DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_HISTORY_SIZE, DEFAULT_MAX_HISTORY_PER_REQUEST,
        DEFAULT_OUTBOUND_HIGH_WATER_MARK, DEFAULT_OUTBOUND_LOW_WATER_MARK, DEFAULT_MAX_OUTBOUND_BYTES,
        DEFAULT_MESSAGES_PER_SECOND, DEFAULT_BURST, DEFAULT_FLOOD_DISCONNECT_AFTER);
  }
}
