package io.netchat.bench.load;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.DecodeFailure;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The last handler of a generator connection: sends the handshake when connected, completes
 * {@code handshake} when the server has let it into its room, answers server pings, and counts
 * errors and unexpected closes. Room deliveries never reach it (see
 * {@link StampedDeliveryHandler}).
 */
public final class LoadSessionHandler extends ChannelInboundHandlerAdapter {
  private final ConnectionPlan plan;
  private final Protocol protocol;
  private final Promise<Void> handshake;
  private final ErrorCounts errors;
  private final BooleanSupplier closing;

  /**
   * @param closing true once the run is shutting down, when closes are expected
   */
  public LoadSessionHandler(ConnectionPlan plan, Protocol protocol, Promise<Void> handshake,
      ErrorCounts errors, BooleanSupplier closing) {
    this.plan = plan;
    this.protocol = protocol;
    this.handshake = handshake;
    this.errors = errors;
    this.closing = closing;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (protocol == Protocol.NETCHAT) {
      ctx.write(new ClientMessage.Hello(null, plan.nick()));
    }
    ctx.writeAndFlush(new ClientMessage.Join(null, plan.room(), null));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof ByteBuf) {
        // Only the baseline sends raw frames this far: the echo of our join frame.
        handshake.trySuccess(null);
      } else if (msg instanceof ServerMessage.Joined joined && joined.room().equals(plan.room())) {
        handshake.trySuccess(null);
      } else if (msg instanceof ServerMessage.Ping ping) {
        ctx.writeAndFlush(new ClientMessage.Pong(ping.id()));
      } else if (msg instanceof ServerMessage.Error error) {
        errors.add(error.code());
        handshake.tryFailure(new IllegalStateException(plan.nick() + ": " + error.code() + " " + error.message()));
      } else if (msg instanceof ServerMessage.Bye bye) {
        errors.add("bye");
        handshake.tryFailure(new IllegalStateException(plan.nick() + ": bye " + bye.reason()));
      } else if (msg instanceof DecodeFailure failure) {
        errors.add("undecodable:" + failure.error().code().wireName());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
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
