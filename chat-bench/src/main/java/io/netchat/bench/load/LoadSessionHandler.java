package io.netchat.bench.load;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.DecodeFailure;
import io.netchat.codec.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.util.function.BooleanSupplier;

/**
 * The session of a generator connection to netchat or the baseline: sends the handshake when
 * connected, completes {@code handshake} when the server has let it into its room and answers
 * server pings.
 */
public final class LoadSessionHandler extends SessionHandler {
  private final Protocol protocol;

  /**
   * @param closing true once the run is shutting down, when closes are expected
   */
  public LoadSessionHandler(ConnectionPlan plan, Protocol protocol, Promise<Void> handshake,
      ErrorCounts errors, BooleanSupplier closing) {
    super(plan, handshake, errors, closing);
    this.protocol = protocol;
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
        refused(error.code(), error.code() + " " + error.message());
      } else if (msg instanceof ServerMessage.Bye bye) {
        refused("bye", "bye " + bye.reason());
      } else if (msg instanceof DecodeFailure failure) {
        errors.add("undecodable:" + failure.error().code().wireName());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }
}
