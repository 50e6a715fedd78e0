package io.netchat.server;

import io.netchat.codec.InboundPolicy;
import io.netchat.codec.Side;
import io.netchat.server.metrics.ConnectionMetrics;
import io.netchat.server.metrics.ListenerTraffic;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds one listener's connection pipeline:
 * {@code traffic → idle → frameDecoder → messageDecoder → messageEncoder → metrics → session}.
 * The two counting handlers sit where they see bytes (the head) and messages (before the session);
 * broadcast frames are written below {@code metrics} and pass only {@code traffic}.
 */
final class ServerChannelInitializer extends ChannelInitializer<Channel> {
  /** Handler names of the server pipeline, beyond the codec's {@link io.netchat.codec.HandlerNames}. */
  static final String IDLE = "idle";
  static final String SESSION = "session";

  private final ServerContext context;
  private final CommandDispatcher dispatcher;
  private final int listenerIndex;
  private final InboundPolicy inbound;
  private final ListenerTraffic traffic;

  /** {@code inbound} is shared by every listener: its budget bounds all connections together. */
  ServerChannelInitializer(ServerContext context, CommandDispatcher dispatcher, int listenerIndex,
      InboundPolicy inbound) {
    this.context = context;
    this.dispatcher = dispatcher;
    this.listenerIndex = listenerIndex;
    this.inbound = inbound;
    this.traffic = new ListenerTraffic(context.counters().listener(listenerIndex));
  }

  @Override
  protected void initChannel(Channel channel) {
    long idleMillis = context.config().timeouts().idle().toMillis();
    channel.pipeline().addLast(ListenerTraffic.NAME, traffic);
    channel.pipeline().addLast(IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    context.format(listenerIndex).install(channel.pipeline(), Side.SERVER, inbound);
    channel.pipeline().addLast(ConnectionMetrics.NAME, new ConnectionMetrics(context.counters()));
    channel.pipeline().addLast(SESSION, new SessionHandler(context, dispatcher, listenerIndex));
  }
}
