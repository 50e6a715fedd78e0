package io.netchat.server.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounds of one admin connection: it is closed at once when {@code max} connections are
 * already open, and closed {@code deadlineMillis} after it opened whatever it is doing (a client
 * trickling its request byte by byte gets no more time than a silent one). One per connection;
 * the open count is shared by all.
 */
final class ConnectionBounds extends ChannelInboundHandlerAdapter {
  private final AtomicInteger open;
  private final int max;
  private final long deadlineMillis;
  private boolean counted;
  private ScheduledFuture<?> deadline;

  ConnectionBounds(AtomicInteger open, int max, long deadlineMillis) {
    this.open = open;
    this.max = max;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    counted = true;
    if (open.incrementAndGet() > max) {
      ctx.close();
      return;
    }
    deadline = ctx.executor().schedule(() -> {
      ctx.close();
    }, deadlineMillis, TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (counted) {
      counted = false;
      open.decrementAndGet();
    }
    if (deadline != null) {
      deadline.cancel(false);
    }
    ctx.fireChannelInactive();
  }
}
