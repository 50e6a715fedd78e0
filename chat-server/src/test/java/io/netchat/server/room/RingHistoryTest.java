package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ServerMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RingHistoryTest {
  private final RingHistory history = new RingHistory(3);

  private void append(int count) {
    for (int i = 0; i < count; i++) {
      long seq = history.lastSeq() + 1;
      history.append(new ServerMessage.Message("r", seq, "a", "m" + seq, Instant.EPOCH));
    }
  }

  @Test
  void keepsTheLastCapacityMessages() {
    assertThat(history.firstSeq()).isEqualTo(1);
    assertThat(history.lastSeq()).isZero();
    append(5);
    assertThat(history.firstSeq()).isEqualTo(3);
    assertThat(history.lastSeq()).isEqualTo(5);
    assertThat(history.after(0, 10)).extracting(ServerMessage.Message::seq).containsExactly(3L, 4L, 5L);
    assertThat(history.after(3, 10)).extracting(ServerMessage.Message::seq).containsExactly(4L, 5L);
    assertThat(history.after(5, 10)).isEmpty();
    assertThat(history.before(5, 1)).extracting(ServerMessage.Message::seq).containsExactly(4L);
    assertThat(history.before(Long.MAX_VALUE, 2)).extracting(ServerMessage.Message::seq).containsExactly(4L, 5L);
    assertThat(history.before(3, 10)).isEmpty();
  }

  @Test
  void topicChangesTakeSeqsInTheSameStreamAndOnlyEventReadsReturnThem() {
    RingHistory ring = new RingHistory(5);
    ring.append(new ServerMessage.Message("r", 1, "a", "m1", Instant.EPOCH));
    ring.appendEvent(new ServerMessage.Topic("r", "t2", "a", 2L));
    ring.append(new ServerMessage.Message("r", 3, "a", "m3", Instant.EPOCH));
    ring.appendEvent(new ServerMessage.Topic("r", "t4", "a", 4L));
    ring.appendEvent(new ServerMessage.Topic("r", "t5", "a", 5L));
    ring.append(new ServerMessage.Message("r", 6, "a", "m6", Instant.EPOCH));
    assertThat(ring.firstSeq()).isEqualTo(2);
    assertThat(ring.lastSeq()).isEqualTo(6);
    assertThat(ring.after(0, 10)).extracting(ServerMessage.Message::seq).containsExactly(3L, 6L);
    assertThat(ring.after(0, 1)).extracting(ServerMessage.Message::seq).containsExactly(3L);
    assertThat(ring.before(Long.MAX_VALUE, 1)).as("the newest message, past the events before it")
        .extracting(ServerMessage.Message::seq).containsExactly(6L);
    assertThat(ring.before(6, 10)).extracting(ServerMessage.Message::seq).containsExactly(3L);
    assertThat(ring.before(3, 10)).isEmpty();
    assertThat(ring.eventsAfter(2, 10)).containsExactly(
        new ServerMessage.Message("r", 3, "a", "m3", Instant.EPOCH), new ServerMessage.Topic("r", "t4", "a", 4L),
        new ServerMessage.Topic("r", "t5", "a", 5L), new ServerMessage.Message("r", 6, "a", "m6", Instant.EPOCH));
    assertThat(ring.eventsAfter(2, 2)).hasSize(2);
    assertThatThrownBy(() -> ring.appendEvent(new ServerMessage.Topic("r", "x", "a", 9L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ring.appendEvent(new ServerMessage.Topic("r", "x", "a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void growsFromASmallRingWithoutLosingOrder() {
    RingHistory large = new RingHistory(100);
    for (long seq = 1; seq <= 250; seq++) {
      large.append(new ServerMessage.Message("r", seq, "a", "m" + seq, Instant.EPOCH));
      long first = Math.max(1, seq - 99);
      assertThat(large.firstSeq()).isEqualTo(first);
      assertThat(large.after(0, 1000)).extracting(ServerMessage.Message::seq)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(first, seq).boxed().toList());
    }
  }

  @Test
  void refusesASeqThatIsNotTheNext() {
    append(1);
    assertThatThrownBy(() -> history.append(new ServerMessage.Message("r", 3, "a", "x", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
