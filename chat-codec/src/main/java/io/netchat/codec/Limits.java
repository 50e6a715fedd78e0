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
    @JsonProperty("max_frame_length") int maxFrameLength,
    @JsonProperty("max_text_length") int maxTextLength,
    @JsonProperty("max_rooms_per_session") int maxRoomsPerSession,
    @JsonProperty("history_size") int historySize,
    @JsonProperty("messages_per_second") int messagesPerSecond,
    @JsonProperty("burst") int burst) {}
