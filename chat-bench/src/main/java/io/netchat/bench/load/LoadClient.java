package io.netchat.bench.load;

import io.netchat.bench.load.irc.IrcClientPipeline;
import io.netchat.bench.load.irc.IrcSessionHandler;
import io.netchat.codec.HandlerNames;
import io.netchat.codec.Side;
import io.netchat.codec.Transport;
import io.netchat.codec.WireFormat;
import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator's connections to one server: opens them with a bounded number in flight,
 * runs a {@link PublishPlan} over some of them, and collects the {@link Tally} of a window from
 * each event loop. Every connection speaks the wire contract through chat-codec's
 * {@link WireFormat}, or IRC ({@link Protocol#IRC}, {@link IrcClientPipeline}); room deliveries
 * are timed before decoding by {@link StampedDeliveryHandler}.
 */
public final class LoadClient implements AutoCloseable {
  private static final Duration LOOP_CALL_TIMEOUT = Duration.ofSeconds(10);

  private final InetSocketAddress server;
  private final WireFormat format;
  private final Protocol protocol;
  private final BenchClock clock;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final SslContext tls;
  private final Map<EventExecutor, DeliveryStats> stats = new IdentityHashMap<>();
  private final ErrorCounts errors = new ErrorCounts();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ChannelGroup channels = new DefaultChannelGroup("bench", GlobalEventExecutor.INSTANCE);
  private final List<ScheduledFuture<?>> tickers = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param server a loopback address
   * @param format what netchat and the baseline frames are; unused (may be null) for {@link Protocol#IRC}
   * @param threads event loops of the generator
   */
  public LoadClient(InetSocketAddress server, WireFormat format, Protocol protocol, Transport transport,
      int threads, BenchClock clock) {
    this(server, format, protocol, transport, threads, clock, null);
  }

  /** As above, over TLS with {@code tls} unless it is null. */
  public LoadClient(InetSocketAddress server, WireFormat format, Protocol protocol, Transport transport,
      int threads, BenchClock clock, SslContext tls) {
    this.tls = tls;
    if (format == null && protocol != Protocol.IRC) {
      throw new IllegalArgumentException(protocol + " needs a wire format");
    }
    if (!server.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("the bench only targets loopback addresses, not " + server);
    }
    this.server = server;
    this.format = format;
    this.protocol = protocol;
    this.clock = clock;
    this.group = transport.newGroup(threads, new DefaultThreadFactory("bench-client", true));
    for (EventExecutor loop : group) {
      stats.put(loop, new DeliveryStats());
    }
    this.bootstrap = new Bootstrap().group(group).channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
    if (transport == Transport.EPOLL) {
      // Choose the source port at connect time, per destination, not at bind time.
      bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    }
  }

  /** Errors and unexpected closes seen so far. */
  public ErrorCounts errors() {
    return errors;
  }

  /**
   * Opens a connection per plan and runs its handshake, at most {@code inFlight} at a time, and
   * waits for all of them or {@code timeout}.
   */
  public ConnectResult connect(List<ConnectionPlan> plans, int inFlight, Duration timeout)
      throws InterruptedException {
    return connect(plans, inFlight, inFlight, timeout);
  }

  /**
   * As above, with at most {@code connecting} of the handshakes in flight still in their TCP
   * connect (see {@link ConnectGate}).
   */
  public ConnectResult connect(List<ConnectionPlan> plans, int inFlight, int connecting, Duration timeout)
      throws InterruptedException {
    int count = plans.size();
    Channel[] opened = new Channel[count];
    CountDownLatch done = new CountDownLatch(count);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    ConnectGate gate = new ConnectGate(connecting);
    long began = clock.now();

    // start runs holding a connect slot; launch waits for one. Both go through the executor, so
    // that a run of immediate failures cannot recurse deeply.
    Runnable[] start = new Runnable[1];
    Runnable launch = () -> {
      if (gate.tryEnter()) {
        start[0].run();
      }
    };
    start[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= count || closing.get()) {
        if (gate.leave()) {
          group.next().execute(start[0]);
        }
        return;
      }
      ConnectionPlan plan = plans.get(i);
      long begun = clock.now();
      Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();
      ChannelFuture connect = open(plan, handshake);
      connect.addListener(f -> {
        if (gate.leave()) {
          group.next().execute(start[0]);
        }
        if (!f.isSuccess()) {
          handshake.tryFailure(f.cause());
        }
      });
      handshake.addListener(f -> {
        long now = clock.now();
        if (f.isSuccess()) {
          opened[i] = connect.channel();
          stats.get(connect.channel().eventLoop()).handshake(now - begun);
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, plan.nick() + ": " + f.cause());
          connect.channel().close();
        }
        lastDone.accumulateAndGet(now, Math::max);
        done.countDown();
        group.next().execute(launch);
      });
    };
    for (int i = 0; i < Math.min(inFlight, count); i++) {
      launch.run();
    }
    boolean all = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    int missing = all ? 0 : (int) done.getCount();
    if (!all) {
      firstFailure.compareAndSet(null, missing + " connections did not finish within " + timeout);
    }
    List<Channel> result = new ArrayList<>(Arrays.asList(opened));
    return new ConnectResult(Collections.unmodifiableList(result), failed.get() + missing,
        Math.max(0, lastDone.get() - began), firstFailure.get());
  }

  private ChannelFuture open(ConnectionPlan plan, Promise<Void> handshake) {
    Bootstrap connection = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        if (tls != null) {
          ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), server.getHostString(), server.getPort()));
        }
        StampedDeliveryHandler deliveries = new StampedDeliveryHandler(stats.get(ch.eventLoop()), clock);
        if (protocol == Protocol.IRC) {
          IrcClientPipeline.install(ch.pipeline(), deliveries,
              new IrcSessionHandler(plan, handshake, errors, closing::get));
        } else {
          format.install(ch.pipeline(), Side.CLIENT);
          ch.pipeline().addAfter(HandlerNames.FRAME_DECODER, StampedDeliveryHandler.NAME, deliveries);
          if (protocol == Protocol.BASELINE) {
            ch.pipeline().remove(HandlerNames.MESSAGE_DECODER);
          } else if (format.codec().name().equals("json")) {
            ch.pipeline().addAfter(StampedDeliveryHandler.NAME, PresenceSkipper.NAME, PresenceSkipper.INSTANCE);
          }
          ch.pipeline().addLast("session", new LoadSessionHandler(plan, protocol, handshake, errors, closing::get));
        }
        channels.add(ch);
      }
    });
    return plan.source() == null
        ? connection.connect(server)
        : connection.connect(server, new InetSocketAddress(plan.source(), 0));
  }

  /**
   * Starts sending {@code plan}'s messages over {@code publishers} (index = publisher number),
   * each text {@code textChars} long. Returns at once; the plan stops itself at its end.
   */
  public void publish(PublishPlan plan, List<Publisher> publishers, int textChars) {
    if (publishers.size() != plan.publishers()) {
      throw new IllegalArgumentException("plan wants " + plan.publishers() + " publishers, got " + publishers.size());
    }
    Publisher[] byIndex = publishers.toArray(new Publisher[0]);
    for (EventExecutor executor : group) {
      EventLoop loop = (EventLoop) executor;
      PublishTicker ticker = new PublishTicker(plan, byIndex, protocol, loop, stats.get(loop), clock, textChars);
      ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
      self[0] = loop.scheduleAtFixedRate(() -> {
        ticker.run();
        if (ticker.finished() && self[0] != null) {
          self[0].cancel(false);
        }
      }, 0, 1, TimeUnit.MILLISECONDS);
      tickers.add(self[0]);
    }
  }

  /** Starts a new measured window over intended times {@code [start, end)} on every event loop. */
  public void window(long start, long end) throws InterruptedException {
    onEveryLoop(stats -> {
      stats.window(start, end);
      return null;
    });
  }

  /** Forgets the handshake times recorded so far (a warm-up's). */
  public void forgetHandshakes() throws InterruptedException {
    onEveryLoop(stats -> {
      stats.forgetHandshakes();
      return null;
    });
  }

  /** The merged counts of the current window so far. */
  public Tally tally() throws InterruptedException {
    Tally sum = Tally.empty();
    for (Tally tally : onEveryLoop(DeliveryStats::tally)) {
      sum = sum.plus(tally);
    }
    return sum;
  }

  private <T> List<T> onEveryLoop(java.util.function.Function<DeliveryStats, T> call) throws InterruptedException {
    List<Future<T>> futures = new ArrayList<>();
    for (Map.Entry<EventExecutor, DeliveryStats> entry : stats.entrySet()) {
      futures.add(entry.getKey().submit(() -> call.apply(entry.getValue())));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      try {
        results.add(future.get(LOOP_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("event loop did not answer", e);
      }
    }
    return results;
  }

  /** Stops publishing, closes every connection and the event loops. */
  @Override
  public void close() {
    closing.set(true);
    synchronized (tickers) {
      tickers.forEach(t -> t.cancel(false));
    }
    channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
  }
}
