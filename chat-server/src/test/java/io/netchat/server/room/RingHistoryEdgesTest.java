package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The ring at its edges: a capacity of exactly the initial size and one past it, reads that start
 * or stop one seq either side of what is held, clearing and skipping, and evictions by the budget.
 */
class RingHistoryEdgesTest {
  private static ServerMessage.Message message(long seq) {
    return new ServerMessage.Message("r", seq, "a", "m" + seq, Instant.EPOCH);
  }

  private static void append(RingHistory ring, long through) {
    for (long seq = ring.lastSeq() + 1; seq <= through; seq++) {
      ring.append(message(seq));
    }
  }

  private static List<Long> seqs(List<? extends ServerMessage> messages) {
    return messages.stream().map(m -> m instanceof ServerMessage.Message msg ? msg.seq()
        : ((ServerMessage.Topic) m).seq()).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new RingHistory(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be positive: 0");
    assertThat(new RingHistory(1).firstSeq()).isEqualTo(1);
  }

  @Test
  void aRingOfOneKeepsTheNewestOnly() {
    RingHistory ring = new RingHistory(1);
    append(ring, 3);
    assertThat(ring.firstSeq()).isEqualTo(3);
    assertThat(seqs(ring.after(0, 10))).containsExactly(3L);
  }

  @Test
  void ringsAtAndJustPastTheInitialSizeKeepExactlyTheirCapacity() {
    for (int capacity : new int[] {7, 8, 9, 16, 17}) {
      RingHistory ring = new RingHistory(capacity);
      append(ring, 40);
      assertThat(ring.firstSeq()).as("capacity %d", capacity).isEqualTo(40 - capacity + 1);
      assertThat(seqs(ring.after(0, 100))).as("capacity %d", capacity).isEqualTo(range(41 - capacity, 40));
      assertThat(seqs(ring.before(Long.MAX_VALUE, 100))).as("capacity %d", capacity).isEqualTo(range(41 - capacity, 40));
    }
  }

  @Test
  void growingWhenTheRingIsExactlyFullKeepsEveryMessage() {
    RingHistory ring = new RingHistory(20);
    append(ring, 8); // exactly the initial 8 slots
    assertThat(seqs(ring.after(0, 100))).isEqualTo(range(1, 8));
    append(ring, 9);
    assertThat(ring.firstSeq()).isEqualTo(1);
    assertThat(seqs(ring.after(0, 100))).isEqualTo(range(1, 9));
    append(ring, 16);
    append(ring, 17);
    assertThat(seqs(ring.after(0, 100))).isEqualTo(range(1, 17));
  }

  @Test
  void readsTakeAtMostMaxFromTheRightEnd() {
    RingHistory ring = new RingHistory(10);
    append(ring, 6);
    assertThat(seqs(ring.after(2, 2))).containsExactly(3L, 4L);
    assertThat(seqs(ring.after(5, 1))).containsExactly(6L);
    assertThat(ring.after(6, 5)).isEmpty();
    assertThat(ring.after(0, 0)).isEmpty();
    assertThat(seqs(ring.before(4, 2))).containsExactly(2L, 3L);
    assertThat(seqs(ring.before(2, 5))).containsExactly(1L);
    assertThat(ring.before(1, 5)).isEmpty();
    assertThat(seqs(ring.before(7, 1))).containsExactly(6L);
    assertThat(seqs(ring.eventsAfter(0, 3))).containsExactly(1L, 2L, 3L);
    assertThat(seqs(ring.eventsAfter(4, 10))).containsExactly(5L, 6L);
    assertThat(seqs(ring.eventsAfter(5, 1))).containsExactly(6L);
    assertThat(ring.eventsAfter(6, 10)).isEmpty();
  }

  @Test
  void clearKeepsTheSeqAndHoldsNothing() {
    RingHistory ring = new RingHistory(5);
    append(ring, 12);
    ring.clear();
    assertThat(ring.lastSeq()).isEqualTo(12);
    assertThat(ring.firstSeq()).isEqualTo(13);
    assertThat(ring.after(0, 10)).isEmpty();
    assertThat(ring.before(Long.MAX_VALUE, 10)).isEmpty();
    assertThat(ring.eventsAfter(0, 10)).isEmpty();
    ring.append(message(13));
    assertThat(seqs(ring.after(0, 10))).containsExactly(13L);
    assertThatThrownBy(() -> ring.append(message(15))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected seq 14, got 15");
  }

  @Test
  void aRingRestartedAtALaterSeqStillGrowsToItsCapacity() {
    RingHistory ring = new RingHistory(50);
    ring.skipTo(100); // a room restored from the store
    append(ring, 120);
    assertThat(seqs(ring.after(100, 50))).isEqualTo(range(101, 120));
  }

  @Test
  void skipToContinuesAfterTheGivenSeq() {
    RingHistory ring = new RingHistory(5);
    append(ring, 3);
    ring.skipTo(100);
    assertThat(ring.lastSeq()).isEqualTo(100);
    assertThat(ring.firstSeq()).isEqualTo(101);
    assertThat(ring.after(0, 10)).isEmpty();
    ring.append(message(101));
    assertThat(seqs(ring.after(0, 10))).containsExactly(101L);
    ring.skipTo(0);
    assertThat(ring.lastSeq()).isZero();
    assertThat(ring.firstSeq()).isEqualTo(1);
    assertThatThrownBy(() -> ring.skipTo(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seq must be >= 0: -1");
  }

  @Test
  void theBudgetEvictsTheOldestAndClearGivesEveryByteBack() {
    ServerMessage.Message probe = message(1);
    long perMessage = MessageSize.of(probe) + MessageSize.ENTRY;
    HistoryBudget budget = new HistoryBudget(perMessage * 3);
    RingHistory ring = new RingHistory(10, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    append(ring, 3);
    assertThat(budget.held()).isEqualTo(perMessage * 3);
    assertThat(budget.evicted()).isZero();
    append(ring, 5);
    assertThat(budget.evicted()).isEqualTo(2);
    assertThat(budget.held()).isEqualTo(perMessage * 3);
    assertThat(ring.firstSeq()).isEqualTo(3);
    assertThat(seqs(ring.after(0, 10))).containsExactly(3L, 4L, 5L);
    assertThat(seqs(ring.eventsAfter(0, 10))).containsExactly(3L, 4L, 5L);

    ring.clear();
    assertThat(budget.held()).as("only the queued entries' own cost is left").isEqualTo(MessageSize.ENTRY * 3L);
  }

  @Test
  void skipToGivesTheBytesOfWhatWasHeldBack() {
    HistoryBudget budget = new HistoryBudget(1 << 20);
    RingHistory ring = new RingHistory(10, ImmediateEventExecutor.INSTANCE, budget);
    append(ring, 3);
    ring.skipTo(100);
    assertThat(budget.held()).as("only the queued entries' own cost is left").isEqualTo(MessageSize.ENTRY * 3L);
  }

  /** An eviction on the ring's own loop happens at once; from another thread it is handed to that loop. */
  @Test
  void anEvictionRunsAtOnceOnTheRingsLoopAndIsHandedToItFromElsewhere() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    try {
      RingHistory ring = new RingHistory(10, loop, HistoryBudget.unlimited());
      loop.submit(() -> append(ring, 6)).sync();
      assertThat(loop.submit(() -> {
        ring.evict(2);
        return ring.firstSeq();
      }).get()).as("at once, within the same task").isEqualTo(3L);
      ring.evict(4);
      assertThat(loop.submit(() -> seqs(ring.after(0, 10))).get()).as("handed to the loop").containsExactly(5L, 6L);
      loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
      ring.evict(6); // the loop has stopped: the history goes with it, nothing is thrown
    } finally {
      loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  /** The budget freed an evicted message's bytes, so the ring must not keep it reachable either. */
  @Test
  void anEvictedMessageIsNoLongerReachableFromItsRing() {
    long perMessage = MessageSize.of(message(1)) + MessageSize.ENTRY;
    RingHistory ring = new RingHistory(10, ImmediateEventExecutor.INSTANCE, new HistoryBudget(perMessage * 2));
    List<WeakReference<ServerMessage.Message>> evicted = List.of(appendWeakly(ring, 1), appendWeakly(ring, 2));
    append(ring, 4);
    assertThat(ring.firstSeq()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      System.gc();
      return evicted.stream().allMatch(reference -> reference.get() == null);
    });
  }

  private static WeakReference<ServerMessage.Message> appendWeakly(RingHistory ring, long seq) {
    ServerMessage.Message message = message(seq);
    ring.append(message);
    return new WeakReference<>(message);
  }
}
