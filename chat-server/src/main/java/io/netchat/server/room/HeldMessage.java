package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One message in a room's ring and in the {@link HistoryBudget}'s global queue. Whoever drops it
 * first — the budget evicting the oldest message, or the ring itself (its room's
 * {@code history_size}, or the room going away) — {@link #claim claims} it and takes its bytes off
 * the budget, exactly once. The message reference is written and read on the room's loop only.
 */
final class HeldMessage {
  private static final VarHandle CLAIMED;

  static {
    try {
      CLAIMED = MethodHandles.lookup().findVarHandle(HeldMessage.class, "claimed", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final RingHistory ring;
  final long seq;
  /** {@link MessageSize#of} the message; {@link MessageSize#ENTRY} is counted on top. */
  final int bytes;
  /** A {@link ServerMessage.Message}, or another room event that takes a seq (a topic change). */
  ServerMessage message;
  @SuppressWarnings("unused") // through CLAIMED
  private volatile int claimed;

  HeldMessage(RingHistory ring, long seq, ServerMessage message) {
    this.ring = ring;
    this.seq = seq;
    this.bytes = MessageSize.of(message);
    this.message = message;
  }

  /** Whether this call is the one that drops the message (true once, for the first caller). */
  boolean claim() {
    return CLAIMED.compareAndSet(this, 0, 1);
  }
}
