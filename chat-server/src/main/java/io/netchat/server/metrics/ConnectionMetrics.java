package io.netchat.server.metrics;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts what one connection says and is told, in message form: it sits between the message
 * codec and the session, so it sees every decoded command, every answer written as a message
 * ({@code error}, {@code bye}) and the end of the connection. Broadcast frames are written below
 * it, already encoded, and never pass here: the delivery path does not go through this handler.
 * One instance per connection; its state belongs to the channel's event loop. It also writes the
 * connection's audit lines ({@link ConnectionAudit}): the nick is the one its {@code welcome} carried.
 */
public final class ConnectionMetrics extends ChannelDuplexHandler {
  /** This handler's name in a server pipeline. */
  public static final String NAME = "metrics";

  private final ChatCounters counters;
  private String closeReason;
  /** The {@code bye} reason a {@code quit} asked for: a bye with it is counted as {@code quit}. */
  private String quitReason;
  private String nick;
  private long openedAt;

  public ConnectionMetrics(ChatCounters counters) {
    this.counters = counters;
  }

  /**
   * Marks {@code channel} as cut for {@code reason} when no {@code bye} will say so (a slow
   * consumer closed at once). On the channel's event loop; off the hot path (one pipeline lookup).
   */
  public static void closingAs(Channel channel, String reason) {
    ConnectionMetrics metrics = channel.pipeline().get(ConnectionMetrics.class);
    if (metrics != null) {
      metrics.channelClosingAs(reason);
    }
  }

  private void channelClosingAs(String reason) {
    closeReason = reason;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    openedAt = System.nanoTime();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ClientMessage command) {
      counters.command(command);
      if (command instanceof ClientMessage.Quit quit) {
        quitReason = quit.reason() == null ? ChatCounters.QUIT : quit.reason();
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ServerMessage.Error error) {
      counters.errorSent(error.errorCode());
    } else if (msg instanceof ServerMessage.Bye bye && closeReason == null) {
      closeReason = bye.reason().equals(quitReason) ? ChatCounters.QUIT : bye.reason();
    } else if (msg instanceof ServerMessage.Welcome welcome) {
      nick = welcome.nick();
      ConnectionAudit.hello(nick, ctx.channel().remoteAddress(), ctx.channel().localAddress());
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    String reason = closeReason == null ? ChatCounters.CONNECTION_LOST : closeReason;
    counters.closed(reason);
    ConnectionAudit.closed(nick, ctx.channel().remoteAddress(), ctx.channel().localAddress(),
        System.nanoTime() - openedAt, reason);
    ctx.fireChannelInactive();
  }
}
