package io.netchat.server.config;

import io.netchat.codec.Framing;
import java.time.Duration;

/**
 * Every bound the server enforces. Memory stays bounded because each of these is finite.
 *
 * @param maxFrameLength longest frame payload in bytes (both directions); by default
 *     {@link Framing#DEFAULT_MAX_FRAME_LENGTH}
 * @param maxTextLength longest {@code text} of say/dm/topic, in characters (Unicode code points)
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
 * @param maxListPage default and largest page of a {@code rooms} or {@code who} answer, and the
 *     most members a {@code joined} lists
 * @param roomCreationsPerMinute rooms one remote address may create per minute, all its
 *     connections together (token bucket rate)
 * @param roomCreationBurst rooms one remote address may create at once (token bucket size)
 * @param txnWindow how long a {@code say}/{@code dm} {@code txn} is remembered, so that a retry
 *     with it is answered {@code duplicate} instead of sent again (contract 1.1 {@code txn_window_s})
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
    int floodDisconnectAfter,
    int maxListPage,
    int roomCreationsPerMinute,
    int roomCreationBurst,
    Duration txnWindow) {

  public static final int DEFAULT_MAX_TEXT_LENGTH = 4096;
  /**
   * Most bytes one character (code point, the unit of {@code max_text_length}) of text takes in
   * any shipped codec: 4 in UTF-8 (a code point outside the Basic Multilingual Plane; JSON escapes
   * {@code "}, {@code \}, tab and newline as 2, and text holds no other control character).
   */
  static final int MAX_UTF8_BYTES_PER_CHAR = 4;
  /** Room for everything of a {@code message} or {@code topic} frame but its text (names, seq, ts, ids). */
  static final int MESSAGE_ENVELOPE_BYTES = 512;
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
  public static final int DEFAULT_MAX_LIST_PAGE = 100;
  public static final int DEFAULT_ROOM_CREATIONS_PER_MINUTE = 60;
  public static final int DEFAULT_ROOM_CREATION_BURST = 20;
  public static final Duration DEFAULT_TXN_WINDOW = Duration.ofSeconds(300);

  /** Checks every limit is positive and the water marks are ordered. */
  public LimitsConfig {
    Check.positive("max_frame_length", maxFrameLength);
    Check.positive("max_text_length", maxTextLength);
    Check.positive("max_rooms", maxRooms);
    Check.positive("max_members_per_room", maxMembersPerRoom);
    Check.positive("max_rooms_per_session", maxRoomsPerSession);
    Check.positive("max_connections", maxConnections);
    Check.positive("max_connections_per_ip", maxConnectionsPerIp);
    Check.positive("history_size", historySize);
    Check.positive("max_history_per_request", maxHistoryPerRequest);
    Check.positive("outbound_high_water_mark", outboundHighWaterMark);
    Check.positive("outbound_low_water_mark", outboundLowWaterMark);
    Check.positive("max_outbound_bytes", maxOutboundBytes);
    Check.positive("messages_per_second", messagesPerSecond);
    Check.positive("burst", burst);
    Check.positive("flood_disconnect_after", floodDisconnectAfter);
    Check.positive("max_list_page", maxListPage);
    Check.positive("room_creations_per_minute", roomCreationsPerMinute);
    Check.positive("room_creation_burst", roomCreationBurst);
    Check.positive("txn_window", txnWindow);
    if ((long) maxTextLength * MAX_UTF8_BYTES_PER_CHAR + MESSAGE_ENVELOPE_BYTES > maxFrameLength) {
      throw new ConfigException("max_text_length", maxTextLength, "a message of this many characters may not fit"
          + " a frame of limits.max_frame_length (" + maxFrameLength + ") bytes: allow "
          + MAX_UTF8_BYTES_PER_CHAR + " bytes per character plus " + MESSAGE_ENVELOPE_BYTES
          + " for the rest of the message, i.e. at most " + Math.max(0, (maxFrameLength - MESSAGE_ENVELOPE_BYTES)
          / MAX_UTF8_BYTES_PER_CHAR) + " characters, or raise max_frame_length");
    }
    if (outboundLowWaterMark > outboundHighWaterMark) {
      throw new ConfigException("outbound_low_water_mark", outboundLowWaterMark,
          "must not exceed limits.outbound_high_water_mark (" + outboundHighWaterMark + ")");
    }
  }

  public static LimitsConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults: set only the limits that differ. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these limits. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxFrameLength = maxFrameLength;
    builder.maxTextLength = maxTextLength;
    builder.maxRooms = maxRooms;
    builder.maxMembersPerRoom = maxMembersPerRoom;
    builder.maxRoomsPerSession = maxRoomsPerSession;
    builder.maxConnections = maxConnections;
    builder.maxConnectionsPerIp = maxConnectionsPerIp;
    builder.historySize = historySize;
    builder.maxHistoryPerRequest = maxHistoryPerRequest;
    builder.outboundHighWaterMark = outboundHighWaterMark;
    builder.outboundLowWaterMark = outboundLowWaterMark;
    builder.maxOutboundBytes = maxOutboundBytes;
    builder.messagesPerSecond = messagesPerSecond;
    builder.burst = burst;
    builder.floodDisconnectAfter = floodDisconnectAfter;
    builder.maxListPage = maxListPage;
    builder.roomCreationsPerMinute = roomCreationsPerMinute;
    builder.roomCreationBurst = roomCreationBurst;
    builder.txnWindow = txnWindow;
    return builder;
  }

  /** Sets limits by name, so that no two of the limits can be swapped unnoticed. */
  public static final class Builder {
    private int maxFrameLength = Framing.DEFAULT_MAX_FRAME_LENGTH;
    private int maxTextLength = DEFAULT_MAX_TEXT_LENGTH;
    private int maxRooms = DEFAULT_MAX_ROOMS;
    private int maxMembersPerRoom = DEFAULT_MAX_MEMBERS_PER_ROOM;
    private int maxRoomsPerSession = DEFAULT_MAX_ROOMS_PER_SESSION;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
    private int historySize = DEFAULT_HISTORY_SIZE;
    private int maxHistoryPerRequest = DEFAULT_MAX_HISTORY_PER_REQUEST;
    private int outboundHighWaterMark = DEFAULT_OUTBOUND_HIGH_WATER_MARK;
    private int outboundLowWaterMark = DEFAULT_OUTBOUND_LOW_WATER_MARK;
    private long maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BYTES;
    private int messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
    private int burst = DEFAULT_BURST;
    private int floodDisconnectAfter = DEFAULT_FLOOD_DISCONNECT_AFTER;
    private int maxListPage = DEFAULT_MAX_LIST_PAGE;
    private int roomCreationsPerMinute = DEFAULT_ROOM_CREATIONS_PER_MINUTE;
    private int roomCreationBurst = DEFAULT_ROOM_CREATION_BURST;
    private Duration txnWindow = DEFAULT_TXN_WINDOW;

    private Builder() {}

    public Builder maxFrameLength(int value) {
      maxFrameLength = value;
      return this;
    }

    public Builder maxTextLength(int value) {
      maxTextLength = value;
      return this;
    }

    public Builder maxRooms(int value) {
      maxRooms = value;
      return this;
    }

    public Builder maxMembersPerRoom(int value) {
      maxMembersPerRoom = value;
      return this;
    }

    public Builder maxRoomsPerSession(int value) {
      maxRoomsPerSession = value;
      return this;
    }

    public Builder maxConnections(int value) {
      maxConnections = value;
      return this;
    }

    public Builder maxConnectionsPerIp(int value) {
      maxConnectionsPerIp = value;
      return this;
    }

    public Builder historySize(int value) {
      historySize = value;
      return this;
    }

    public Builder maxHistoryPerRequest(int value) {
      maxHistoryPerRequest = value;
      return this;
    }

    public Builder outboundHighWaterMark(int value) {
      outboundHighWaterMark = value;
      return this;
    }

    public Builder outboundLowWaterMark(int value) {
      outboundLowWaterMark = value;
      return this;
    }

    public Builder maxOutboundBytes(long value) {
      maxOutboundBytes = value;
      return this;
    }

    public Builder messagesPerSecond(int value) {
      messagesPerSecond = value;
      return this;
    }

    public Builder burst(int value) {
      burst = value;
      return this;
    }

    public Builder floodDisconnectAfter(int value) {
      floodDisconnectAfter = value;
      return this;
    }

    public Builder maxListPage(int value) {
      maxListPage = value;
      return this;
    }

    public Builder roomCreationsPerMinute(int value) {
      roomCreationsPerMinute = value;
      return this;
    }

    public Builder roomCreationBurst(int value) {
      roomCreationBurst = value;
      return this;
    }

    public Builder txnWindow(Duration value) {
      txnWindow = value;
      return this;
    }

    /** The limits set, checked as a configuration file's would be. */
    public LimitsConfig build() {
      return new LimitsConfig(maxFrameLength, maxTextLength, maxRooms, maxMembersPerRoom, maxRoomsPerSession,
          maxConnections, maxConnectionsPerIp, historySize, maxHistoryPerRequest,
          outboundHighWaterMark, outboundLowWaterMark, maxOutboundBytes,
          messagesPerSecond, burst, floodDisconnectAfter, maxListPage, roomCreationsPerMinute, roomCreationBurst,
          txnWindow);
    }
  }
}
