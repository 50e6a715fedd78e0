package io.netchat.bench.baseline;

import io.netchat.codec.Framing;
import io.netchat.codec.Transport;
import io.netchat.server.fanout.FlushBatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A minimal fan-out server with netchat's {@code length} framing and no chat logic (see
 * {@link FanoutHandler}). It runs on a single event loop, matching the single core it is pinned
 * to, so its groups need no locking. Connections above {@code maxConnections} are closed at once.
 */
public final class BaselineServer implements AutoCloseable {
  /** Outbound bytes a connection may have pending before it counts as a slow reader. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 4 * 1024 * 1024;
  /** Most connections accepted at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 60_000;

  private final EventLoopGroup group;
  private final Channel listener;
  private final ChannelGroup connections;

  private BaselineServer(EventLoopGroup group, Channel listener, ChannelGroup connections) {
    this.group = group;
    this.listener = listener;
    this.connections = connections;
  }

  /** Binds {@code host:port} (loopback only; port 0 picks a free one) and starts serving. */
  public static BaselineServer start(String host, int port, Transport transport, int maxConnections,
      int maxPendingBytes) throws InterruptedException {
    InetSocketAddress bind = new InetSocketAddress(host, port);
    if (bind.getAddress() == null || !bind.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("the baseline binds loopback addresses only, not " + host);
    }
    EventLoopGroup group = transport.newGroup(1, new DefaultThreadFactory("baseline", true));
    EventLoop loop = group.next();
    ChannelGroup connections = new DefaultChannelGroup("baseline", loop);
    FanoutGroups groups = new FanoutGroups();
    FlushBatcher flusher = new FlushBatcher(loop);
    ServerBootstrap bootstrap = new ServerBootstrap().group(loop, loop).channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(maxPendingBytes / 2, maxPendingBytes))
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (connections.size() >= maxConnections) {
              ch.close();
              return;
            }
            connections.add(ch);
            ch.pipeline().addLast("frameDecoder", Framing.LENGTH.newDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH));
            ch.pipeline().addLast("fanout", new FanoutHandler(groups, flusher));
          }
        });
    try {
      Channel listener = bootstrap.bind(bind).sync().channel();
      return new BaselineServer(group, listener, connections);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The address it listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** Connections open now. */
  public int connections() {
    return connections.size();
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    connections.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
