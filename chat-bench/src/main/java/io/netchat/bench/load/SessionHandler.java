package io.netchat.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The last handler of a generator connection, whatever it speaks: it runs the handshake that
 * completes {@code handshake}, and counts errors and unexpected closes the same way for every
 * protocol. Room deliveries never reach it (see {@link StampedDeliveryHandler}).
 */
public abstract class SessionHandler extends ChannelInboundHandlerAdapter {
  protected final ConnectionPlan plan;
  protected final Promise<Void> handshake;
  protected final ErrorCounts errors;
  private final BooleanSupplier closing;

  /**
   * @param closing true once the run is shutting down, when closes are expected
   */
  protected SessionHandler(ConnectionPlan plan, Promise<Void> handshake, ErrorCounts errors,
      BooleanSupplier closing) {
    this.plan = plan;
    this.handshake = handshake;
    this.errors = errors;
    this.closing = closing;
  }

  /** Counts an error of {@code kind}; fails the handshake with {@code reason} if it is still running. */
  protected final void refused(String kind, String reason) {
    errors.add(kind);
    handshake.tryFailure(new IllegalStateException(plan.nick() + ": " + reason));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (handshake.tryFailure(new IOException(plan.nick() + ": closed before the handshake ended"))) {
      errors.add("closed_in_handshake");
    } else if (!closing.getAsBoolean()) {
      errors.add("disconnect");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!closing.getAsBoolean()) {
      errors.add("exception:" + cause.getClass().getSimpleName());
    }
    handshake.tryFailure(cause);
    ctx.close();
  }
}
