package io.netchat.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory store's dm streams stay within their bytes: the stream least recently written to goes, whole. */
class MemoryDmStreamsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:30:00Z");

  private static StoredDm dm(String to, int n) {
    return new StoredDm("ann", to, "n" + n, T0, "m" + n);
  }

  @Test
  void pastItsBytesTheLeastRecentlyWrittenStreamGoesWholeAndStartsAgainUnderANewEpoch() {
    long each = MemoryDmStreams.bytes(new DmStreamStore.Entry(1, "e", dm("bob", 1), null));
    MemoryDmStreams streams = new MemoryDmStreams(5 * each, () -> false);
    String bobEpoch = streams.append("bob", dm("bob", 1), null, 3).join().epoch();
    streams.append("bob", dm("bob", 2), null, 3).join();
    streams.append("cid", dm("cid", 3), null, 3).join();
    streams.append("bob", dm("bob", 4), null, 3).join(); // bob is now the most recently written
    streams.append("dee", dm("dee", 5), null, 3).join();
    assertThat(streams.size()).isEqualTo(5);
    streams.append("dee", dm("dee", 6), null, 3).join();
    assertThat(streams.size()).as("cid went, whole").isEqualTo(5);
    assertThat(streams.bytesHeld()).isEqualTo(5 * each);
    assertThat(streams.read("cid").join().lastSeq()).isZero();
    assertThat(streams.read("bob").join().epoch()).isEqualTo(bobEpoch);
    assertThat(streams.read("bob").join().held()).extracting(e -> e.dm().text()).containsExactly("n1", "n2", "n4");

    for (int i = 7; i <= 12; i++) {
      streams.append("eve", dm("eve", i), null, 3).join();
    }
    assertThat(streams.bytesHeld()).isLessThanOrEqualTo(5 * each);
    assertThat(streams.read("eve").join().held()).hasSize(3);
    assertThat(streams.read("bob").join().lastSeq()).as("pushed out: a new, empty stream").isZero();
  }

  @Test
  void aLongTextCostsMoreThanAShortOneAndOneStreamAloneKeepsWithinTheBytes() {
    MemoryDmStreams streams = new MemoryDmStreams(20_000, () -> false);
    for (int i = 1; i <= 10; i++) {
      streams.append("bob", new StoredDm("ann", "bob", "x".repeat(4096), T0, "m" + i), null, 100).join();
    }
    assertThat(streams.bytesHeld()).isLessThanOrEqualTo(20_000);
    assertThat(streams.read("bob").join().held()).hasSize(2);
    assertThat(streams.read("bob").join().lastSeq()).isEqualTo(10);
  }
}
