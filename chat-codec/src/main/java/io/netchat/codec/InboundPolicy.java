package io.netchat.codec;

import java.time.Duration;

/**
 * What a server's frame decoders may hold while a frame is incomplete, for every connection of
 * the server together (one instance is shared; it is immutable and its budget thread-safe).
 *
 * <p>Parameters to control memory consumption:
 * <ul>
 *   <li>{@code budget}: bytes of incomplete frames held by all connections at once. A connection
 *       whose partial frame would pass it gets a fatal {@code limit_reached} and its bytes are
 *       dropped; a frame that arrives whole in one read is never charged.
 *   <li>{@code preHelloMaxFrameLength}: the longest frame accepted before the session fires
 *       {@link HelloAcceptedEvent} (a hello is small); a longer one is a fatal {@code too_large}.
 *   <li>{@code frameTimeout}: how long a frame may stay incomplete once its first byte arrived,
 *       however slowly the rest trickles in; then the decoder fires a {@link FrameTimeoutEvent}
 *       and reads nothing more. {@link Duration#ZERO} means no deadline.
 * </ul>
 *
 * @param budget bytes of incomplete frames, all connections together
 * @param preHelloMaxFrameLength longest frame before hello (capped by the listener's limit)
 * @param frameTimeout time to complete a frame, or zero for none
 */
public record InboundPolicy(ByteBudget budget, int preHelloMaxFrameLength, Duration frameTimeout) {
  /** Default longest frame before hello: 8 KiB, room for a 1.1 hello with a token and caps. */
  public static final int DEFAULT_PRE_HELLO_MAX_FRAME_LENGTH = 8 * 1024;

  /** No global budget, no pre-hello limit, no deadline: what a client's pipeline uses. */
  public static final InboundPolicy UNBOUNDED =
      new InboundPolicy(ByteBudget.unlimited(), Integer.MAX_VALUE, Duration.ZERO);

  public InboundPolicy {
    if (budget == null || frameTimeout == null) {
      throw new IllegalArgumentException("budget and frameTimeout are required");
    }
    Framing.checkMaxFrameLength(preHelloMaxFrameLength);
    if (frameTimeout.isNegative()) {
      throw new IllegalArgumentException("frameTimeout must not be negative: " + frameTimeout);
    }
  }
}
