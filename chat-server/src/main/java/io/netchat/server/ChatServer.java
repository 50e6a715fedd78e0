package io.netchat.server;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.ByteBudget;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Transport;
import io.netchat.codec.InboundPolicy;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.codec.Framing;
import io.netchat.server.irc.IrcFormats;
import io.netchat.server.irc.IrcListener;
import io.netchat.server.irc.IrcServerInfo;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.auth.TokenWorkers;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.fanout.LoopDrain;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ListenerTags;
import io.netchat.server.metrics.NettyMeters;
import io.netchat.server.metrics.ServerGauges;
import io.netchat.server.metrics.ServerMeters;
import io.netchat.server.metrics.StoreMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netchat.server.room.HistoryBudget;
import io.netchat.server.room.RingHistory;
import io.netchat.server.room.RoomContext;
import io.netchat.server.room.RoomRegistry;
import io.netchat.server.room.RoomStore;
import io.netchat.store.ChatStore;
import io.netchat.store.MemoryDmStreams;
import io.netchat.server.tls.TlsListeners;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running netchat server: its listeners, event loops and shared state.
 *
 * <p>Threads: one acceptor thread, and {@code io_threads} event loops that each own a share of
 * the connections and of the rooms. A session's state is touched only by its channel's loop, a
 * room's only by the room's loop; work crosses between them as tasks, never under a lock, so no
 * event loop ever blocks.
 */
public final class ChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

  private final ServerConfig config;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final ServerContext context;
  private final List<Channel> listeners;
  private final Budgets budgets;
  private final ServerMeters meters;
  /** The durable store ({@code store.type: sqlite}), or null: history in memory only. */
  private final ChatStore store;
  private final TlsListeners tls;
  /** Where token signatures are checked ({@code auth.token}), or null: no tokens. */
  private final TokenWorkers tokens;
  private volatile boolean closed;

  /** The three global memory budgets as enforced. */
  private record Budgets(ByteBudget inbound, OutboundBudget outbound, HistoryBudget history) {}

  private ChatServer(ServerConfig config, EventLoopGroup acceptors, EventLoopGroup workers,
      ServerContext context, List<Channel> listeners, Budgets budgets, ChatStore store, TlsListeners tls,
      TokenWorkers tokens) {
    this.budgets = budgets;
    this.tokens = tokens;
    this.tls = tls;
    this.meters = new ServerMeters(context.counters(), gauges(context, budgets), listenerTags(config, listeners));
    this.store = store;
    this.config = config;
    this.acceptors = acceptors;
    this.workers = workers;
    this.context = context;
    this.listeners = listeners;
  }

  /**
   * Opens the store and binds every listener of {@code config}; returns once they accept
   * connections. A store that refuses to open (its directory locked or not writable, a corrupt
   * file, a newer schema) stops start-up with a {@code StoreStartupException} naming the file.
   */
  public static ChatServer start(ServerConfig config) {
    return start(config, CodecRegistry.load(), Clock.systemUTC());
  }

  /** As {@link #start(ServerConfig)}, with the codecs and wall clock given. */
  public static ChatServer start(ServerConfig config, CodecRegistry codecs, Clock clock) {
    long started = System.nanoTime();
    Transport transport = config.transport().resolve(); // an unavailable transport stops start-up before anything opens
    StoreOpening opening = StoreOpening.start(config.store()); // overlaps the steps below; joined before binding
    LimitsConfig limits = config.limits();
    List<WireFormat> formats;
    TlsListeners tls;
    TokenVerifier tokenVerifier;
    MemoryPlan memory;
    EventLoopGroup acceptors;
    EventLoopGroup workers;
    try {
      memory = MemoryPlan.of(config, JvmMemory.current());
      formats = config.listeners().stream()
          .map(l -> WireFormat.of(l.framing(), l.codec(), limits.maxFrameLength(), codecs))
          .toList();
      formats.forEach(format -> format.codec().prepare(Side.SERVER));
      tls = TlsListeners.load(config.listeners(), clock);
      tokenVerifier = TokenVerifier.of(config.auth().token()); // reads the key file: a bad one stops here
      acceptors = new MultiThreadIoEventLoopGroup(1,
          new DefaultThreadFactory("netchat-accept"), transport.ioHandlerFactory());
      int ioThreads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
      workers = new MultiThreadIoEventLoopGroup(ioThreads,
          new DefaultThreadFactory("netchat-io"), transport.ioHandlerFactory());
    } catch (RuntimeException e) {
      opening.abandon();
      throw e;
    }
    InboundPolicy inbound = memory.inboundPolicy(config.memory().frameTimeout());
    HistoryBudget history = new HistoryBudget(memory.historyBytes());
    ChatCounters counters = new ChatCounters(formats.size());
    IrcFormats fanoutFormats = IrcFormats.of(formats, config.serverName()); // IRC listeners add their tag variants
    RoomContext roomContext = new RoomContext(fanoutFormats.all(), ByteBufAllocator.DEFAULT, clock, limits,
        config.emptyRoomRetention(), (capacity, loop) -> new RingHistory(capacity, loop, history), counters);
    RepeatedLog refusals = ServerContext.refusalLog();
    RepeatedLog storeFailures = ServerContext.storeLog();
    ChatStore store = null;
    ServerBans bans;
    try {
      store = opening.join();
      bans = store == null ? new ServerBans(null) : ServerBans.load(store, clock.instant());
    } catch (RuntimeException e) {
      acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      if (store != null) {
        store.close();
      }
      throw e;
    }
    RoomRegistry rooms = new RoomRegistry(roomContext, workers::next, ServerContext.roomCreations(limits, refusals, counters),
        store == null ? null : new RoomStore(store, storeFailures::log));
    ServerContext context = new ServerContext(config, formats, clock, rooms, refusals, counters,
        store == null ? null : store.accounts(), store == null ? null : store.offlineDms(),
        store == null ? new MemoryDmStreams(dmStreamBytes(history), () -> false) : store.dmStreams(),
        bans, System::nanoTime);
    TokenWorkers tokens = tokenVerifier == null ? null
        : TokenWorkers.threads(tokenVerifier, clock, config.auth().token().verifyThreads());
    CommandDispatcher dispatcher = new CommandDispatcher(context, tokens);
    List<Channel> bound = new ArrayList<>();
    try {
      for (int i = 0; i < config.listeners().size(); i++) {
        ListenerConfig listener = config.listeners().get(i);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptors, workers)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(limits.outboundLowWaterMark(), limits.outboundHighWaterMark()))
            .childHandler(new ServerChannelInitializer(context, dispatcher, i, inbound, tls.get(i),
                ircListener(context, fanoutFormats, i, clock)));
        InetSocketAddress address = new InetSocketAddress(listener.host(), listener.port());
        ChannelFuture binding = bootstrap.bind(address).awaitUninterruptibly();
        if (!binding.isSuccess()) {
          throw new IllegalStateException("cannot listen on " + NetUtil.toSocketAddressString(listener.host(),
              listener.port()) + ": " + binding.cause().getMessage(), binding.cause());
        }
        bound.add(binding.channel());
      }
    } catch (RuntimeException e) {
      bound.forEach(Channel::close);
      acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      if (tokens != null) {
        tokens.close();
      }
      if (store != null) {
        store.close();
      }
      throw e;
    }
    long window = ServerContext.REPEATED_LOG_WINDOW.toMillis();
    workers.next().scheduleAtFixedRate(context.refusals()::flush, window, window, TimeUnit.MILLISECONDS);
    workers.next().scheduleAtFixedRate(storeFailures::flush, window, window, TimeUnit.MILLISECONDS);
    OutboundBudget outbound = new OutboundBudget(memory.outboundBytes(), context.sessions(),
        OutboundBudget.usedMemory(ByteBufAllocator.DEFAULT));
    workers.next().scheduleAtFixedRate(outbound, OutboundBudget.PERIOD_MILLIS, OutboundBudget.PERIOD_MILLIS,
        TimeUnit.MILLISECONDS);
    ChatServer server = new ChatServer(config, acceptors, workers, context, List.copyOf(bound),
        new Budgets(inbound.budget(), outbound, history), store, tls, tokens);
    log.info("netchat ready in {} ms ({} transport): {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        transport.wireName(), server.describeListeners(formats));
    return server;
  }

  /** The IRC translation of listener {@code index}, or null when it speaks netchat. */
  private static IrcListener ircListener(ServerContext context, IrcFormats formats, int index, Clock clock) {
    if (context.format(index).framing() != Framing.IRC) {
      return null;
    }
    ServerConfig config = context.config();
    String version = ChatServer.class.getPackage().getImplementationVersion();
    IrcServerInfo info = new IrcServerInfo(config.serverName(), config.serverName(),
        "netchat-" + (version == null ? "dev" : version), clock.instant(), config.limits().maxTextLength(),
        config.limits().maxRoomsPerSession(), List.of(), () -> context.users().size(), () -> context.rooms().size(),
        config.timeouts().hello().toMillis());
    return new IrcListener(info, formats.indexes(index));
  }

  /** The state the server's connections share (package tests look at sessions through it). */
  ServerContext context() {
    return context;
  }

  /** The transport the event loops run on ({@code auto} resolved). */
  public Transport transport() {
    return config.transport().resolve();
  }

  /** The bound address of each listener, in configuration order (actual ports when 0 was asked). */
  public List<InetSocketAddress> addresses() {
    return listeners.stream().map(ch -> (InetSocketAddress) ch.localAddress()).toList();
  }

  /** Connections open now. */
  public int connectionCount() {
    return context.limiter().open();
  }

  /** Bytes of incomplete inbound frames held now, all connections together ({@code memory.inbound_bytes}). */
  public long inboundBytesHeld() {
    return budgets.inbound().used();
  }

  /**
   * Outbound bytes the last budget check counted against {@code memory.outbound_bytes}: the pending
   * bytes of all connections, or the allocator's memory when that is smaller (shared frames).
   */
  public long outboundBytesHeld() {
    return budgets.outbound().held();
  }

  /** The history budget: bytes held by all rooms, the limit, evictions ({@code memory.history_bytes}). */
  public HistoryBudget historyBudget() {
    return budgets.history();
  }

  /** Rooms that exist now. */
  public int roomCount() {
    return context.rooms().size();
  }

  /**
   * Registers this server's meters in {@code registry}: its own figures ({@link ServerMeters}),
   * the allocator's memory and each event loop's pending tasks ({@link NettyMeters}), and with a
   * durable store its queue and commit latency ({@link StoreMeters}). Every meter reads a figure at
   * scrape time, or is recorded by the store's writer; nothing is added to the chat path.
   */
  public void bindMetrics(MeterRegistry registry) {
    meters.bindTo(registry);
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
      new NettyMeters(allocator.metric(), workers).bindTo(registry);
    }
    if (store != null) {
      StoreMeters storeMeters = new StoreMeters(store::queuedWrites, config.store().queueCapacity());
      storeMeters.bindTo(registry);
      store.onCommit(storeMeters::committed);
    }
  }

  /**
   * Why this server is not ready to serve now: it is shutting down, or a listener is no longer
   * bound. Empty when every listener accepts connections. Any thread.
   */
  public Optional<String> notReadyBecause() {
    if (closed || context.shuttingDown()) {
      return Optional.of("shutting down");
    }
    List<InetSocketAddress> unbound = listeners.stream().filter(ch -> !ch.isActive())
        .map(ch -> (InetSocketAddress) ch.localAddress()).toList();
    return unbound.isEmpty() ? Optional.empty() : Optional.of("listeners not bound: " + unbound);
  }

  /**
   * Why the durable store cannot take writes now (closed, or its writes fail until the disk
   * recovers), or empty when it can or there is none ({@code store.type: memory}). Any thread.
   */
  public Optional<String> storeNotWritableBecause() {
    return store == null ? Optional.empty() : store.notWritableBecause();
  }

  /**
   * Heap the dm streams may hold without a store (§18.5): an eighth of the rooms' history budget,
   * {@code memory.history_bytes}, on top of it; at most 3/32 of the heap, inside the quarter the
   * memory plan keeps as headroom.
   */
  static long dmStreamBytes(HistoryBudget history) {
    return Math.max(1, history.limit() / DM_STREAM_SHARE);
  }

  /** The dm streams' heap is this fraction (1/n) of {@code memory.history_bytes}. */
  static final int DM_STREAM_SHARE = 8;

  private static ServerGauges gauges(ServerContext context, Budgets budgets) {
    return new ServerGauges(context.limiter()::open, context.users()::size, context.rooms()::size,
        budgets.inbound()::used, budgets.inbound()::limit, budgets.outbound()::queued, budgets.outbound()::held,
        budgets.outbound()::limit, budgets.history()::held, budgets.history()::limit, budgets.history()::evicted);
  }

  private static List<ListenerTags> listenerTags(ServerConfig config, List<Channel> listeners) {
    List<ListenerTags> tags = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      ListenerConfig listener = config.listeners().get(i);
      int port = ((InetSocketAddress) listeners.get(i).localAddress()).getPort();
      tags.add(new ListenerTags(NetUtil.toSocketAddressString(listener.host(), port), listener.framing(),
          listener.codec()));
    }
    return tags;
  }

  /**
   * Runs with {@code newConfig} from now on, without dropping a connection. The caller
   * ({@code ConfigReload}) passes the running configuration with only the settings that can change
   * live replaced; what reads them, and when, is listed in docs/OPERATIONS.md ("Reload").
   */
  public void reconfigure(ServerConfig newConfig) {
    context.reconfigure(newConfig);
  }

  /**
   * Re-reads the certificate and key files of every TLS listener (SIGHUP): new handshakes use the
   * new certificates, open connections keep theirs, and a listener whose new files fail keeps its
   * old certificate (logged). Reads files: never call it on an event loop.
   *
   * @return how many listeners took a new certificate
   */
  public int reloadCertificates() {
    return tls.reloadAll();
  }

  /** The configuration in force now (the started one, or the last {@link #reconfigure}d). */
  public ServerConfig config() {
    return context.config();
  }

  /** The rooms, for tests that set up many of them without a connection each. */
  RoomRegistry rooms() {
    return context.rooms();
  }

  /** An event loop of the server, for such tests. */
  EventLoop loop() {
    return workers.next();
  }

  /**
   * Graceful shutdown: stops accepting, sends {@code bye{reason:"shutting_down"}} to everyone (with
   * a jittered {@code retry_after_ms} to 1.1 sessions, so that they do not all return at once),
   * waits up to the configured grace period for those to flush, closes what is left and stops
   * the event loops. Idempotent; blocks the calling thread (never call it on an event loop).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long graceMillis = context.config().timeouts().shutdownGrace().toMillis();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    context.startShutdown();
    listeners.forEach(ch -> ch.close().syncUninterruptibly());
    int open = context.sessions().size();
    for (Session session : context.sessions()) {
      session.close(ServerMessage.Bye.of(ByeCode.SHUTTING_DOWN).retryAfter(SessionSecrets.shutdownRetryAfterMillis(config.timeouts().reconnectSpread().toMillis())),
          graceMillis);
    }
    for (Session session : context.sessions()) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!session.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        session.channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
    }
    context.rooms().disposeAll();
    context.refusals().flush();
    LoopDrain.drain(workers, 1000);
    context.accounts().close(); // the hashes in progress finish; their answers go nowhere now
    if (store != null) {
      store.close(); // commits what is queued and marks a clean stop; the loops still take its answers
    }
    workers.shutdownGracefully(0, Math.max(100, graceMillis), TimeUnit.MILLISECONDS).syncUninterruptibly();
    acceptors.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).syncUninterruptibly();
    if (tokens != null) {
      tokens.close();
    }
    log.info("netchat stopped ({} connections closed)", open);
  }

  private String describeListeners(List<WireFormat> formats) {
    List<InetSocketAddress> addresses = addresses();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i++) {
      parts.add(NetUtil.toSocketAddressString(config.listeners().get(i).host(), addresses.get(i).getPort())
          + " (" + formats.get(i).framing().wireName() + "/" + formats.get(i).codec().name()
          + (tls.get(i) == null ? "" : ", tls") + ")");
    }
    return String.join(", ", parts);
  }

}
