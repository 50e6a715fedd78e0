package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The global history budget: the oldest messages of all rooms go first, each ring evicted on its own loop. */
class HistoryBudgetTest {
  private static final String BIG = "\u0100".repeat(4096); // UTF-16: 8 KiB of text
  private static final long ONE = MessageSize.of(message(1, BIG)) + MessageSize.ENTRY;

  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(3);

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void theOldestMessagesOfAllRoomsGoFirstAndTheBudgetHolds() throws Exception {
    HistoryBudget budget = new HistoryBudget(10 * ONE);
    List<EventLoop> roomLoops = List.of(loops.next(), loops.next(), loops.next());
    List<RingHistory> rings = new ArrayList<>();
    for (EventLoop loop : roomLoops) {
      rings.add(new RingHistory(500, loop, budget));
    }
    long maxHeld = 0;
    for (int round = 1; round <= 20; round++) { // 60 messages of 8 KiB into a budget of 10
      for (int room = 0; room < rings.size(); room++) {
        RingHistory ring = rings.get(room);
        long seq = round;
        roomLoops.get(room).submit(() -> ring.append(message(seq, BIG))).sync();
        maxHeld = Math.max(maxHeld, budget.held());
      }
    }
    for (EventLoop loop : roomLoops) {
      loop.submit(() -> { }).sync(); // evictions handed to the loop have run
    }

    assertThat(maxHeld).as("held after every append").isLessThanOrEqualTo(budget.limit());
    assertThat(budget.evicted()).isEqualTo(60 - 10);
    // the ten newest of the server: round 17 of the last room, rounds 18–20 of all three
    assertThat(held(rings.get(0), roomLoops.get(0))).containsExactly(18L, 19L, 20L);
    assertThat(held(rings.get(1), roomLoops.get(1))).containsExactly(18L, 19L, 20L);
    assertThat(held(rings.get(2), roomLoops.get(2))).containsExactly(17L, 18L, 19L, 20L);
  }

  @Test
  void aRoomsOwnSizeLimitAndItsRemovalGiveTheirBytesBack() {
    HistoryBudget budget = new HistoryBudget(1 << 20);
    RingHistory ring = new RingHistory(2, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    for (int seq = 1; seq <= 5; seq++) {
      ring.append(message(seq, "x".repeat(100)));
    }
    long perMessage = MessageSize.of(message(1, "x".repeat(100)));
    assertThat(budget.held()).as("two held, three dropped entries waiting in the queue")
        .isEqualTo(2 * perMessage + 5L * MessageSize.ENTRY);

    ring.clear();

    assertThat(budget.held()).isEqualTo(5L * MessageSize.ENTRY);
    assertThat(ring.firstSeq()).isEqualTo(6);
    assertThat(ring.after(0, 10)).isEmpty();
    assertThat(budget.evicted()).isZero();
  }

  @Test
  void droppedEntriesCountUntilTheyLeaveTheQueueSoTheQueueIsBoundedToo() {
    long budgetBytes = 100 * (MessageSize.of(message(1, "x")) + MessageSize.ENTRY);
    HistoryBudget budget = new HistoryBudget(budgetBytes);
    RingHistory quiet = new RingHistory(10, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    RingHistory busy = new RingHistory(1, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    quiet.append(message(1, "x"));
    for (int seq = 1; seq <= 10_000; seq++) {
      busy.append(message(seq, "x"));
      assertThat(budget.held()).isLessThanOrEqualTo(budgetBytes);
    }
    assertThat(quiet.firstSeq()).as("the oldest message of the server went first").isEqualTo(2);
    assertThat(busy.after(0, 10)).extracting(ServerMessage.Message::seq).containsExactly(10_000L);
  }

  private static List<Long> held(RingHistory ring, EventLoop loop) throws Exception {
    return loop.submit(() -> ring.after(0, 1000).stream().map(ServerMessage.Message::seq).toList()).get();
  }

  private static ServerMessage.Message message(long seq, String text) {
    return new ServerMessage.Message("r", seq, "ann", text, Instant.EPOCH);
  }
}
