package io.netchat.codec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The limits a server announces in {@code welcome}, so that a client can stay inside them.
 *
 * @param maxFrameLength longest frame payload in bytes
 * @param maxTextLength longest {@code text} in chars
 * @param maxRoomsPerSession rooms one session may be in at once
 * @param historySize messages kept per room
 * @param messagesPerSecond sustained command rate allowed per connection
 * @param burst commands allowed in a burst above that rate
 */
public record Limits(
    @JsonProperty(value = "max_frame_length", required = true) int maxFrameLength,
    @JsonProperty(value = "max_text_length", required = true) int maxTextLength,
    @JsonProperty(value = "max_rooms_per_session", required = true) int maxRoomsPerSession,
    @JsonProperty(value = "history_size", required = true) int historySize,
    @JsonProperty(value = "messages_per_second", required = true) int messagesPerSecond,
    @JsonProperty(value = "burst", required = true) int burst) {}
