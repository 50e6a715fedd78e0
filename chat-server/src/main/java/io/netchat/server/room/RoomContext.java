package io.netchat.server.room;

import io.netchat.codec.WireFormat;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.config.LimitsConfig;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What every room needs from the server: the wire formats in use (index = listener), an
 * allocator for broadcast frames, the wall clock for {@code ts}, limits, and how to make a
 * history store; and where to count accepted messages, memberships and deliveries.
 */
public record RoomContext(
    List<WireFormat> formats,
    ByteBufAllocator allocator,
    Clock clock,
    LimitsConfig limits,
    Duration emptyRoomRetention,
    HistoryStore.Factory historyFactory,
    ChatCounters counters) {

  public RoomContext {
    formats = List.copyOf(formats);
  }

  /** A context whose counts nobody reads (tests of rooms alone). */
  public RoomContext(List<WireFormat> formats, ByteBufAllocator allocator, Clock clock, LimitsConfig limits,
      Duration emptyRoomRetention, HistoryStore.Factory historyFactory) {
    this(formats, allocator, clock, limits, emptyRoomRetention, historyFactory, new ChatCounters(formats.size()));
  }
}
