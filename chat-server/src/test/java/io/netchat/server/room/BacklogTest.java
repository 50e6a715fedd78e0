package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import io.netchat.store.MemoryStore;
import io.netchat.store.StoreConfig;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog range read partly from the store and partly from the ring: exactly the events asked
 * for, once each, oldest first, and where the range really starts, at each edge of the ring and of
 * a store read.
 */
class BacklogTest {
  private static final Instant TS = Instant.parse("2026-03-01T09:30:00.250Z");

  private final DefaultEventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
  }

  private static ServerMessage.Message message(long seq) {
    return new ServerMessage.Message("R", seq, "ann", "m" + seq, TS, "id" + seq, null, null);
  }

  /**
   * A room whose store holds {@code stored} events (seq 1.., a topic change at seq 4 when there
   * are that many, keeping the newest {@code keep}; 0: the memory store's default of 1000), and
   * whose ring of {@code capacity} holds the newest {@code inRing} of them.
   */
  private Backlog room(int stored, int keep, int capacity, int inRing) throws Exception {
    MemoryStore store = new MemoryStore(StoreConfig.Durability.COMMIT, new StoreConfig.Retention(Duration.ZERO, keep));
    store.openRoom("r", "R", TS).get();
    for (long seq = 1; seq <= stored; seq++) {
      if (seq == 4) {
        store.appendTopic("r", "t", "bob", TS).get();
      } else {
        store.append("r", "ann", "m" + seq, TS).get();
      }
    }
    RingHistory ring = new RingHistory(capacity);
    ring.skipTo(stored - inRing);
    for (long seq = stored - inRing + 1; seq <= stored; seq++) {
      if (seq == 4) {
        ring.appendEvent(new ServerMessage.Topic("R", "t", "bob", 4L));
      } else {
        ring.append(message(seq));
      }
    }
    return new Backlog(new RoomStore(store, (cause, line) -> { }), "r", "R", seq -> "id" + seq, ring, loop);
  }

  private static Backlog.Found collect(Backlog backlog, long from, long to) throws Exception {
    CompletableFuture<Backlog.Found> found = new CompletableFuture<>();
    backlog.collect(from, to, found::complete).get(30, TimeUnit.SECONDS);
    return found.getNow(null);
  }

  private static List<Long> seqs(Backlog.Found found) {
    return found.events().stream().map(event -> event instanceof ServerMessage.Message m ? m.seq()
        : ((ServerMessage.Topic) event).seq()).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** Collects {@code [from, to]} and checks it holds exactly seqs {@code first..last}, starting at {@code first}. */
  private static Backlog.Found expect(Backlog backlog, long from, long to, long first, long last) throws Exception {
    Backlog.Found found = collect(backlog, from, to);
    assertThat(seqs(found)).as("[%d, %d]", from, to).isEqualTo(range(first, last));
    assertThat(found.first()).isEqualTo(first);
    return found;
  }

  @Test
  void theRingAloneServesFromItsFirstSeqAndAfterItsLast() throws Exception {
    Backlog backlog = room(10, 0, 3, 3); // ring: 8..10
    assertThat(backlog.inMemory(8)).isTrue();
    assertThat(backlog.inMemory(7)).isFalse();
    assertThat(backlog.inMemory(11)).isTrue();
    Backlog empty = room(7, 0, 3, 0); // ring: nothing, after 7
    assertThat(empty.inMemory(8)).as("nothing after the last seq to read").isTrue();
    assertThat(empty.inMemory(7)).isFalse();
  }

  @Test
  void aRangeOverTheStoreAndTheRingHasEveryEventOnceInOrder() throws Exception {
    Backlog backlog = room(10, 0, 3, 3);
    Backlog.Found all = expect(backlog, 1, 10, 1, 10);
    assertThat(all.events().get(3)).isEqualTo(new ServerMessage.Topic("R", "t", "bob", 4L));
    assertThat(all.events().get(0)).isEqualTo(new ServerMessage.Message("R", 1, "ann", "m1", TS, "id1", null, null));
    assertThat(all.messages()).extracting(ServerMessage.Message::seq).containsExactly(1L, 2L, 3L, 5L, 6L, 7L, 8L,
        9L, 10L);

    expect(backlog, 5, 9, 5, 9);
    expect(backlog, 7, 8, 7, 8); // the store's last and the ring's first
  }

  @Test
  void aRangeBeforeTheRingIsReadFromTheStoreOnly() throws Exception {
    Backlog backlog = room(10, 0, 3, 3);
    expect(backlog, 3, 5, 3, 5);
    expect(backlog, 7, 7, 7, 7);
  }

  @Test
  void aRangeInTheRingOrPastItsEnd() throws Exception {
    Backlog backlog = room(10, 0, 3, 3);
    expect(backlog, 9, 20, 9, 10);
    Backlog.Found none = collect(backlog, 11, 20);
    assertThat(none.events()).isEmpty();
    assertThat(none.first()).as("past the ring's last").isEqualTo(11);
  }

  @Test
  void whatTheStoreNoLongerKeepsIsLeftOutAndTheRangeStartsLater() throws Exception {
    Backlog backlog = room(10, 5, 2, 2); // store: 6..10, ring: 9..10
    expect(backlog, 1, 10, 6, 10); // the store's read past the ring's first is not taken twice
  }

  @Test
  void nothingKeptBeforeTheRingStartsTheRangeAtTheRing() throws Exception {
    Backlog backlog = room(10, 2, 3, 3); // store: 9..10, ring: 8..10
    expect(backlog, 1, 10, 8, 10);
  }

  @Test
  void aRangeLongerThanOneStoreReadTakesSeveral() throws Exception {
    Backlog backlog = room(2500, 3000, 3, 3); // the memory store keeps 1000 unless told
    expect(backlog, 1, 2500, 1, 2500);
    expect(backlog, 2, 1001, 2, 1001); // exactly one full read
  }
}
