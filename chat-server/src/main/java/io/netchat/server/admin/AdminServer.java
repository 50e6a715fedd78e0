package io.netchat.server.admin;

import io.netchat.server.config.AdminConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener ({@code admin} in {@code server.yaml}): {@code GET /metrics},
 * {@code /health/live} and {@code /health/ready}, on its own port, its own event loop thread
 * ({@code netchat-admin}) and one worker thread ({@code netchat-admin-work}) that runs the
 * endpoints; never on a chat port or a chat event loop.
 *
 * <p>Bounded against a hostile client: a request line of at most {@value #MAX_LINE} bytes and
 * headers of at most {@value #MAX_HEADERS} (longer: 414/431), one request per connection (then
 * closed), {@code request_timeout} for the connection's whole life, at most
 * {@code max_connections} open (more are closed at accept), GET only (405), bodies dropped.
 */
public final class AdminServer implements AutoCloseable {
  static final int MAX_LINE = 4096;
  static final int MAX_HEADERS = 8192;

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  private final EventLoopGroup group;
  private final ExecutorService worker;
  private final Channel listener;

  private AdminServer(EventLoopGroup group, ExecutorService worker, Channel listener) {
    this.group = group;
    this.worker = worker;
    this.listener = listener;
  }

  /**
   * Binds the admin listener and returns once it accepts connections.
   *
   * @param metrics the Prometheus text of every meter, e.g. {@code PrometheusMeterRegistry::scrape}
   * @param checks what {@code /health/ready} requires, all of them
   * @throws IllegalStateException when the address cannot be bound
   */
  public static AdminServer start(AdminConfig config, Supplier<String> metrics, List<ReadinessCheck> checks) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netchat-admin", true),
        NioIoHandler.newFactory());
    ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "netchat-admin-work");
      thread.setDaemon(true);
      return thread;
    });
    AdminEndpoints endpoints = new AdminEndpoints(metrics, checks, worker);
    AtomicInteger open = new AtomicInteger();
    long deadlineMillis = config.requestTimeout().toMillis();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 64)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline()
                .addLast("bounds", new ConnectionBounds(open, config.maxConnections(), deadlineMillis))
                .addLast("http", new HttpServerCodec(MAX_LINE, MAX_HEADERS, MAX_HEADERS))
                .addLast("admin", new AdminHandler(endpoints));
          }
        });
    ChannelFuture binding = bootstrap.bind(new InetSocketAddress(config.host(), config.port())).awaitUninterruptibly();
    if (!binding.isSuccess()) {
      worker.shutdownNow();
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("cannot listen on " + NetUtil.toSocketAddressString(config.host(),
          config.port()) + " (admin): " + binding.cause().getMessage(), binding.cause());
    }
    AdminServer server = new AdminServer(group, worker, binding.channel());
    log.info("admin listener on http://{} (/metrics, /health/live, /health/ready)",
        NetUtil.toSocketAddressString(config.host(), server.address().getPort()));
    return server;
  }

  /** The bound address (the actual port when 0 was asked). */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** Stops accepting, closes open admin connections and stops both threads. Blocks; idempotent. */
  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    worker.shutdownNow();
    group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly();
  }
}
