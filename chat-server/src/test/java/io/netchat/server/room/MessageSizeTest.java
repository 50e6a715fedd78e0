package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The history budget's estimate of a held message against the bytes the JVM really allocates to
 * hold it: the text (built without intermediate garbage), its {@code Instant}, the record, and
 * the ring's and budget's bookkeeping.
 */
class MessageSizeTest {
  private static final int COUNT = 2048;

  @ParameterizedTest(name = "{1} × U+{0}")
  @CsvSource({"0078, 4096", "00ff, 4096", "0100, 4096", "00e9, 100", "4e2d, 100", "0078, 3"})
  void theEstimateMatchesWhatTheHeapReallyHolds(String codePoint, int length) {
    String unit = String.valueOf((char) Integer.parseInt(codePoint, 16));
    HistoryBudget budget = HistoryBudget.unlimited();
    RingHistory ring = new RingHistory(COUNT, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    ring.append(message(1, unit.repeat(length))); // loads and initialises the classes outside the count
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(thread);
    for (int seq = 2; seq <= COUNT; seq++) {
      ring.append(message(seq, unit.repeat(length)));
    }
    long measured = (threads.getThreadAllocatedBytes(thread) - before) / (COUNT - 1);

    long estimated = budget.held() / COUNT;
    assertThat(estimated).as("estimated %d B, allocated %d B per message", estimated, measured)
        .isBetween(measured - measured / 20 - 8, measured + measured / 20 + 8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"message with msgid and txn", "topic change"})
  void theEstimateOfContract11EventsMatchesToo(String kind) {
    HistoryBudget budget = HistoryBudget.unlimited();
    RingHistory ring = new RingHistory(COUNT, io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE, budget);
    boolean topic = kind.startsWith("topic");
    ring.append(message(1, "x".repeat(100)));
    append(ring, topic, 2); // the kind's first append loads classes and allocates for that, not for the event
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long held = budget.held();

    long before = threads.getThreadAllocatedBytes(thread);
    for (int seq = 3; seq <= COUNT; seq++) {
      append(ring, topic, seq);
    }
    long measured = (threads.getThreadAllocatedBytes(thread) - before) / (COUNT - 2);

    long estimated = (budget.held() - held) / (COUNT - 2);
    assertThat(estimated).as("estimated %d B, allocated %d B per event", estimated, measured)
        .isBetween(measured - measured / 20 - 8, measured + measured / 20 + 8);
  }

  private static void append(RingHistory ring, boolean topic, int seq) {
    if (topic) {
      ring.appendEvent(new ServerMessage.Topic("room", "y".repeat(100), "nick", (long) seq));
    } else {
      ring.append(new ServerMessage.Message("room", seq, "nick", "x".repeat(100),
          Instant.ofEpochMilli(1_700_000_000_000L + seq), "M".repeat(13), "t".repeat(23))); // a msgid's and a txn's length
    }
  }

  @Test
  void aModerationEventCountsTwoBytesForEveryCharOfItsText() {
    ServerMessage.Kick bare = new ServerMessage.Kick("room", "nick", "op", null, 2L);
    ServerMessage.Kick reasoned = new ServerMessage.Kick("room", "nick", "op", "r".repeat(1000), 2L);

    assertThat(MessageSize.of(bare)).as("at least the record and its boxed seq").isGreaterThanOrEqualTo(
        MessageSize.EVENT + MessageSize.LONG);
    assertThat(MessageSize.of(reasoned) - MessageSize.of(bare)).as("a 1,000-char reason").isGreaterThanOrEqualTo(2000);
  }

  private static ServerMessage.Message message(long seq, String text) {
    return new ServerMessage.Message("room", seq, "nick", text, Instant.ofEpochMilli(1_700_000_000_000L + seq));
  }
}
