package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the outbound budget counts and whom it cuts, on sessions whose writes are queued and not
 * flushed. The water marks are Netty's defaults: unwritable above 64 KiB queued.
 */
class OutboundBudgetTest {
  private static final WireFormat JSON = WireFormat.of("length", "json", 65536, CodecRegistry.load());
  private static final long KIB = 1024;

  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final EmbeddedChannel largest = new EmbeddedChannel();
  private final EmbeddedChannel behind = new EmbeddedChannel();
  private final EmbeddedChannel keepingUp = new EmbeddedChannel();
  private final List<Session> sessions = List.of(
      queued(largest, 100 * KIB), queued(behind, 80 * KIB), queued(keepingUp, 50 * KIB));

  @AfterEach
  void release() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  @Test
  void underTheBudgetNobodyIsCut() {
    new OutboundBudget(300 * KIB, sessions, () -> Long.MAX_VALUE).run();
    assertOpen(largest, behind, keepingUp);
  }

  @Test
  void theLargestHolderIsCutFirstAndOnlyAsManyAsTheExcessNeeds() {
    OutboundBudget budget = new OutboundBudget(150 * KIB, sessions, () -> Long.MAX_VALUE);
    budget.run();

    assertThat(budget.queued()).isGreaterThan(230 * KIB);
    assertThat(largest.isActive()).isFalse();
    assertOpen(behind, keepingUp);
  }

  @Test
  void aConnectionThatKeepsUpIsNeverCutHoweverFarOverTheBudgetIs() {
    new OutboundBudget(1, sessions, () -> Long.MAX_VALUE).run();

    assertThat(largest.isActive()).isFalse();
    assertThat(behind.isActive()).isFalse();
    assertOpen(keepingUp);
  }

  @Test
  void framesSharedByManyQueuesAreCountedOnceThroughTheAllocator() {
    // the pending sum (230 KiB) is over the budget, but the allocator holds less than it: shared frames
    new OutboundBudget(150 * KIB, sessions, () -> 120 * KIB).run();
    assertOpen(largest, behind, keepingUp);
  }

  @Test
  void whileTheAllocatorHoldsLessThanTheBudgetNoConnectionIsRead() {
    AtomicInteger reads = new AtomicInteger();
    Collection<Session> counted = new AbstractCollection<>() {
      @Override
      public Iterator<Session> iterator() {
        reads.incrementAndGet();
        return sessions.iterator();
      }

      @Override
      public int size() {
        return sessions.size();
      }
    };
    OutboundBudget budget = new OutboundBudget(150 * KIB, counted, () -> 150 * KIB);
    budget.run();

    assertThat(reads).hasValue(0);
    assertThat(budget.held()).isEqualTo(150 * KIB);
    assertOpen(largest, behind, keepingUp);

    new OutboundBudget(150 * KIB, counted, () -> 150 * KIB + 1).run();
    assertThat(reads).as("one past the budget: the connections are read, the largest cut").hasValue(2);
    assertThat(largest.isActive()).isFalse();
  }

  @Test
  void aCutConnectionGetsByeSlowConsumerWhenItsSocketTakesWhatWasQueued() {
    new OutboundBudget(150 * KIB, sessions, () -> Long.MAX_VALUE).run();

    ByteBuf last = null;
    for (ByteBuf written; (written = largest.readOutbound()) != null; ) {
      if (last != null) {
        last.release();
      }
      last = written;
    }
    ByteBuf bye = JSON.encode(new ServerMessage.Bye("slow_consumer"), UnpooledByteBufAllocator.DEFAULT);
    try {
      assertThat(ByteBufUtil.getBytes(last)).isEqualTo(ByteBufUtil.getBytes(bye));
    } finally {
      last.release();
      bye.release();
    }
  }

  /** A session with {@code bytes} of frames written and not flushed (as by a socket that takes nothing). */
  private Session queued(EmbeddedChannel channel, long bytes) {
    channels.add(channel);
    Session session = TestSessions.on(channel, 0, JSON, Long.MAX_VALUE);
    for (long left = bytes; left > 0; left -= 1024) {
      channel.write(Unpooled.wrappedBuffer(new byte[1024]));
    }
    return session;
  }

  private static void assertOpen(EmbeddedChannel... channels) {
    for (EmbeddedChannel channel : channels) {
      assertThat(channel.isActive()).isTrue();
    }
  }
}
