package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What both framings share: the frame limit (lower before hello), the fatal state after a
 * failure, and the {@link InboundPolicy}'s bounds on an incomplete frame: the bytes it holds are
 * charged to the shared {@link ByteBudget}, and it must complete within the frame timeout.
 *
 * <p>Only the bytes left over after a read, when the decoder waits for the rest of a frame, are
 * charged; frames that arrive whole are passed on and never touch the budget. The charge follows
 * the held bytes down as frames complete and drops to zero on failure, close or removal.
 */
abstract class BoundedFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameLength;
  private final InboundPolicy policy;
  private int frameLimit;
  private boolean failed;
  private long charged;
  private boolean framePending;
  private long frameStartNanos;
  private ScheduledFuture<?> deadline;

  BoundedFrameDecoder(int maxFrameLength, InboundPolicy policy) {
    this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
    this.policy = policy;
    this.frameLimit = Math.min(maxFrameLength, policy.preHelloMaxFrameLength());
  }

  /**
   * Takes at most one frame of at most {@code limit} payload bytes from {@code in}, or returns
   * without reading to wait for more; a frame over the limit is reported with {@link #tooLarge}.
   */
  abstract void decodeFrame(ByteBuf in, List<Object> out, int limit);

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int readable = in.readableBytes();
    int produced = out.size();
    decodeFrame(in, out, frameLimit);
    if (!failed && (in.readableBytes() != readable || out.size() != produced)) {
      framePending = false; // what is left, if anything, starts the next frame
      charge(Math.min(charged, in.readableBytes()));
    } else if (!failed) {
      waitForRest(ctx, in, out);
    }
    if (failed) {
      charge(0);
    }
  }

  /** The decoder holds an incomplete frame until the next read: charge it and watch its deadline. */
  private void waitForRest(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!framePending) {
      framePending = true;
      frameStartNanos = ctx.executor().ticker().nanoTime();
      if (deadline == null && !policy.frameTimeout().isZero()) {
        scheduleDeadline(ctx, policy.frameTimeout().toNanos());
      }
    }
    if (!charge(in.readableBytes())) {
      fail(in, out, ErrorCode.LIMIT_REACHED, "the server holds too many incomplete frames (budget of "
          + policy.budget().limit() + " bytes); this one of " + in.readableBytes() + " bytes so far was dropped");
    }
  }

  /** One timer per connection at most: it re-arms itself for the frame pending when it fires. */
  private void scheduleDeadline(ChannelHandlerContext ctx, long delayNanos) {
    deadline = ctx.executor().schedule(() -> checkDeadline(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void checkDeadline(ChannelHandlerContext ctx) {
    deadline = null;
    if (failed || !framePending || ctx.isRemoved()) {
      return;
    }
    long left = frameStartNanos + policy.frameTimeout().toNanos() - ctx.executor().ticker().nanoTime();
    if (left > 0) {
      scheduleDeadline(ctx, left);
      return;
    }
    int held = (int) charged;
    failed = true;
    try {
      // An empty read lets ByteToMessageDecoder run decode() (which now discards) and then free
      // the cumulation buffer at once, rather than when the connection is finally closed.
      channelRead(ctx, Unpooled.EMPTY_BUFFER);
    } catch (Exception e) {
      ctx.fireExceptionCaught(e);
    }
    charge(0);
    ctx.fireUserEventTriggered(new FrameTimeoutEvent(held, policy.frameTimeout()));
  }

  /** Reports a frame of {@code length} bytes over the current limit: fatal {@code too_large}. */
  final void tooLarge(ByteBuf in, List<Object> out, String what) {
    String limit = frameLimit < maxFrameLength ? frameLimit + " before hello" : String.valueOf(frameLimit);
    fail(in, out, ErrorCode.TOO_LARGE, what + " exceeds the limit of " + limit);
  }

  private void fail(ByteBuf in, List<Object> out, ErrorCode code, String message) {
    failed = true;
    in.skipBytes(in.readableBytes());
    out.add(new DecodeFailure(new ChatCodecException(code, message), true));
  }

  /** Moves this connection's charge to {@code bytes}; {@code false} when the budget has no room. */
  private boolean charge(long bytes) {
    long delta = bytes - charged;
    if (delta > 0 && !policy.budget().tryAcquire(delta)) {
      return false;
    }
    if (delta < 0) {
      policy.budget().release(-delta);
    }
    charged = bytes;
    if (bytes == 0) {
      framePending = false;
    }
    return true;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == HelloAcceptedEvent.INSTANCE) {
      frameLimit = maxFrameLength;
    }
    super.userEventTriggered(ctx, evt);
  }

  /** At end of input a partial frame is dropped: nothing after it could have been decoded. */
  @Override
  protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    in.skipBytes(in.readableBytes());
    charge(0);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      super.channelInactive(ctx);
    } finally {
      letGo();
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    letGo();
  }

  private void letGo() {
    charge(0);
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
