package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.config.LimitsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Room {@code r} in memory, on an embedded loop, for tests of its moderation commands called
 * directly: the first {@link Attendee} to join owns it. {@link #close} releases every channel and
 * whatever is left unread.
 */
final class ModeratedRoom implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final CodecRegistry CODECS = CodecRegistry.load();

  final LimitsConfig limits = LimitsConfig.defaults();
  private final WireFormat json = WireFormat.of("length", "json", limits.maxFrameLength(), CODECS);
  private final EmbeddedChannel loop = new EmbeddedChannel();
  private final RoomRegistry rooms = new RoomRegistry(new RoomContext(List.of(json), ByteBufAllocator.DEFAULT,
      Clock.fixed(NOW, ZoneOffset.UTC), limits, Duration.ofMinutes(10), (capacity, l) -> new RingHistory(capacity)),
      loop::eventLoop);
  private final List<Attendee> attendees = new ArrayList<>();

  /** A 1.1 session taking {@code events} ({@code events} false: a v1 one), joined to the room, its answers read. */
  Attendee join(String nick, boolean events) {
    Attendee attendee = outside(nick, events);
    rooms.join(attendee, "r", null, "j");
    assertThat(attendee.received()).as("%s joined", nick).hasAtLeastOneElementOfType(ServerMessage.Joined.class);
    attendees.forEach(Attendee::received);
    return attendee;
  }

  /** A 1.1 session taking {@code events}, not in the room. */
  Attendee outside(String nick, boolean events) {
    Attendee attendee = new Attendee(nick, null, events, json);
    attendees.add(attendee);
    return attendee;
  }

  Room room() {
    return rooms.get("r");
  }

  RoomModeration moderation() {
    return room().moderation();
  }

  /** The errors among {@code received}. */
  static List<ServerMessage.Error> errors(List<Object> received) {
    return received.stream().filter(ServerMessage.Error.class::isInstance).map(ServerMessage.Error.class::cast).toList();
  }

  @Override
  public void close() {
    for (Attendee attendee : attendees) {
      attendee.finish();
    }
    loop.finishAndReleaseAll();
  }
}
