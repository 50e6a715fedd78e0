package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netchat.server.RoomMaker;
import io.netchat.server.config.LimitsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry over a real loop: a {@code rooms} page holds rooms while their names and topics
 * together fit {@code max_frame_length} chars; a room dropped at shutdown or when its empty-room
 * retention ends gives its messages' bytes back to the budget.
 */
class RoomRegistryEdgesTest {
  private static final int FRAME = 1000;
  private static final WireFormat JSON = WireFormat.of("length", "json", FRAME, CodecRegistry.load());
  private final EventLoop loop = new DefaultEventLoop();
  private final LimitsConfig limits = LimitsConfig.defaults().toBuilder().maxTextLength(100).maxFrameLength(FRAME).build();
  private final HistoryBudget budget = new HistoryBudget(1 << 20);
  private final RoomRegistry rooms = registry(Duration.ofMinutes(10));
  private final RoomMaker maker = new RoomMaker(loop, JSON);

  private RoomRegistry registry(Duration emptyRoomRetention) {
    return new RoomRegistry(new RoomContext(List.of(JSON),
        ByteBufAllocator.DEFAULT, Clock.systemUTC(), limits, emptyRoomRetention,
        (capacity, l) -> new RingHistory(capacity, l, budget)), () -> loop);
  }

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
  }

  @Test
  void roomsWhoseNamesAndTopicsAddUpToExactlyTheFrameAreOnePageAndTheNextOneWaits() throws Exception {
    for (int i = 0; i < 10; i++) {
      maker.create(rooms, "r0" + i, "t".repeat(97)); // 3 + 97 = 100 chars each: ten make exactly FRAME
    }
    maker.create(rooms, "r10", "x"); // 4 chars more

    Page<ServerMessage.RoomInfo> page = rooms.page(null, null);

    assertThat(page.items()).extracting(ServerMessage.RoomInfo::name)
        .containsExactly("r00", "r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09");
    assertThat(page.more()).isTrue();
    Page<ServerMessage.RoomInfo> rest = rooms.page("r09", null);
    assertThat(rest.items()).extracting(ServerMessage.RoomInfo::name).containsExactly("r10");
    assertThat(rest.more()).isFalse();
  }

  @Test
  void disposingEveryRoomAtShutdownGivesTheirHistoryBackToTheBudget() throws Exception {
    maker.fill(rooms, "a", "one", "two");
    maker.fill(rooms, "b", "three");
    assertThat(budget.held()).isPositive();

    loop.submit(rooms::disposeAll).get(10, TimeUnit.SECONDS);
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // each room disposes on its loop

    assertThat(budget.held()).as("the messages' bytes; each entry's own until the budget polls it")
        .isEqualTo(3L * MessageSize.ENTRY);
  }

  @Test
  void anEmptyRoomDroppedAfterItsRetentionGivesItsHistoryBack() throws Exception {
    RoomRegistry brief = registry(Duration.ofSeconds(1));
    maker.fill(brief, "r", "kept until the room goes");
    assertThat(budget.held()).isGreaterThan(MessageSize.ENTRY);

    await().atMost(Duration.ofSeconds(10)).until(() -> brief.get("r") == null);
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    assertThat(budget.held()).isEqualTo(MessageSize.ENTRY);
  }
}
