package io.netchat.server.room;

import io.netchat.codec.WireFormat;
import io.netchat.server.config.LimitsConfig;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What every room needs from the server: the wire formats in use (index = listener), an
 * allocator for broadcast frames, the wall clock for {@code ts}, limits, and how to make a
 * history store.
 */
public record RoomContext(
    List<WireFormat> formats,
    ByteBufAllocator allocator,
    Clock clock,
    LimitsConfig limits,
    Duration emptyRoomRetention,
    HistoryStore.Factory historyFactory) {

  public RoomContext {
    formats = List.copyOf(formats);
  }
}
