package io.netchat.codec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The limits a server announces in {@code welcome}, so that a client can stay inside them. From
 * contract 1.1 every field is optional to a decoder (absent: {@code null}, the client assumes
 * nothing), so that a server can retire one; a v1 session is sent the first six only.
 *
 * @param maxFrameLength longest frame payload in bytes
 * @param maxTextLength longest {@code text}, in units of {@code textUnit}
 * @param maxRoomsPerSession rooms one session may be in at once
 * @param historySize messages kept per room
 * @param messagesPerSecond sustained command rate allowed per connection
 * @param burst commands allowed in a burst above that rate
 * @param textUnit (1.1) what {@code max_text_length} counts: {@value #TEXT_UNIT_CODE_POINT}
 * @param pingIntervalMs (1.1) silence from the client after which the server sends {@code ping}
 * @param pongTimeoutMs (1.1) time to answer that {@code ping} before the server closes
 * @param maxHistoryPerRequest (1.1) most messages one {@code history} answer or join backlog holds
 * @param txnWindowS (1.1) seconds during which a repeated {@code txn} is answered as a duplicate
 */
public record Limits(
    @JsonProperty("max_frame_length") Integer maxFrameLength,
    @JsonProperty("max_text_length") Integer maxTextLength,
    @JsonProperty("max_rooms_per_session") Integer maxRoomsPerSession,
    @JsonProperty("history_size") Integer historySize,
    @JsonProperty("messages_per_second") Integer messagesPerSecond,
    @JsonProperty("burst") Integer burst,
    @JsonProperty("text_unit") String textUnit,
    @JsonProperty("ping_interval_ms") Long pingIntervalMs,
    @JsonProperty("pong_timeout_ms") Long pongTimeoutMs,
    @JsonProperty("max_history_per_request") Integer maxHistoryPerRequest,
    @JsonProperty("txn_window_s") Long txnWindowS) {

  /**
   * {@code text_unit}: a text's length is counted in Unicode code points, a user's characters (an
   * emoji outside the Basic Multilingual Plane counts 1, as does {@code é} written as one code point).
   */
  public static final String TEXT_UNIT_CODE_POINT = "codepoint";

  /** The six limits of contract v1, all a v1 session is told. */
  public Limits(int maxFrameLength, int maxTextLength, int maxRoomsPerSession, int historySize,
      int messagesPerSecond, int burst) {
    this(maxFrameLength, maxTextLength, maxRoomsPerSession, historySize, messagesPerSecond, burst,
        null, null, null, null, null);
  }

  /** These limits as a v1 session sees them: the first six, nothing added by contract 1.1. */
  public Limits v1() {
    return new Limits(maxFrameLength, maxTextLength, maxRoomsPerSession, historySize, messagesPerSecond, burst,
        null, null, null, null, null);
  }
}
