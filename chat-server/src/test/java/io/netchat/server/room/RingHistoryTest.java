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
