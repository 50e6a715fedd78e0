package io.netchat.server;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.InboundPolicy;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.auth.TokenWorkers;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.room.RingHistory;
import io.netchat.server.room.RoomContext;
import io.netchat.server.room.RoomRegistry;
import io.netchat.server.room.RoomStore;
import io.netchat.store.ChatStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's handlers on {@link EmbeddedChannel}s with a frozen clock: each connection is an
 * embedded server pipeline paired with an embedded client-side decoder that reads what it wrote.
 */
final class EmbeddedServer {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00.000Z");

  private final ServerContext context;
  private final CommandDispatcher dispatcher;
  private final WireFormat format;
  private final InboundPolicy inbound;
  private final List<Connection> connections = new ArrayList<>();
  /** The clock room creation is rate limited by: still unless a test moves it. */
  final AtomicLong creationNanos = new AtomicLong();

  EmbeddedServer(ServerConfig config) {
    this(config, "json", CodecRegistry.load(), null);
  }

  /** A server that checks tokens with {@code tokens} on the calling thread, at the frozen clock's {@link #NOW}. */
  EmbeddedServer(ServerConfig config, TokenVerifier tokens) {
    this(config, tokens, Runnable::run);
  }

  /** A server that checks tokens with {@code tokens} on {@code checks} (a test runs them when it wants). */
  EmbeddedServer(ServerConfig config, TokenVerifier tokens, java.util.concurrent.Executor checks) {
    this(config, "json", CodecRegistry.load(), null, Clock.fixed(NOW, ZoneOffset.UTC), tokens, checks);
  }

  /** Rooms backed by {@code store}, whose futures the test completes (on the test thread). */
  EmbeddedServer(ServerConfig config, ChatStore store) {
    this(config, "json", CodecRegistry.load(), store);
  }

  /** A server whose one listener speaks {@code codec} over length framing. */
  EmbeddedServer(ServerConfig config, String codec) {
    this(config, codec, CodecRegistry.load(), null);
  }

  /** With codecs loaded once and shared: loading them takes tens of milliseconds (the fuzz target makes a server per input). */
  EmbeddedServer(ServerConfig config, CodecRegistry codecs) {
    this(config, "json", codecs, null);
  }

  /** A server whose clock the test moves (virtual time: ban expiry). */
  EmbeddedServer(ServerConfig config, Clock clock) {
    this(config, "json", CodecRegistry.load(), null, clock);
  }

  /**
   * A server on {@code clock} whose accounts, offline dms and dm streams are {@code stores}', and
   * which checks tokens with {@code tokens} (null: takes none) on the calling thread.
   */
  EmbeddedServer(ServerConfig config, Clock clock, TokenVerifier tokens, HeldStores stores) {
    this(config, "json", CodecRegistry.load(), null, clock, tokens, tokens == null ? null : Runnable::run, stores);
  }

  private EmbeddedServer(ServerConfig config, String codec, CodecRegistry codecs, ChatStore store) {
    this(config, codec, codecs, store, Clock.fixed(NOW, ZoneOffset.UTC), null, null);
  }

  private EmbeddedServer(ServerConfig config, String codec, CodecRegistry codecs, ChatStore store, Clock clock) {
    this(config, codec, codecs, store, clock, null, null);
  }

  private EmbeddedServer(ServerConfig config, String codec, CodecRegistry codecs, ChatStore store, Clock clock,
      TokenVerifier tokens, java.util.concurrent.Executor checks) {
    this(config, codec, codecs, store, clock, tokens, checks, null);
  }

  private EmbeddedServer(ServerConfig config, String codec, CodecRegistry codecs, ChatStore store, Clock clock,
      TokenVerifier tokens, java.util.concurrent.Executor checks, HeldStores stores) {
    this.format = WireFormat.of("length", codec, config.limits().maxFrameLength(), codecs);
    List<WireFormat> formats = List.of(format);
    RepeatedLog refusals = ServerContext.refusalLog();
    ChatCounters counters = new ChatCounters(formats.size()); // the server's and its rooms', as in ChatServer
    RoomRegistry rooms = new RoomRegistry(new RoomContext(formats, ByteBufAllocator.DEFAULT, clock,
        config.limits(), config.emptyRoomRetention(), (capacity, loop) -> new RingHistory(capacity), counters),
        () -> connections.get(0).server.eventLoop(),
        new RoomCreationLimiter(config.limits().roomCreationsPerMinute(), config.limits().roomCreationBurst(),
            config.limits().maxConnections(), creationNanos::get, refusals),
        store == null ? null : new RoomStore(store, ServerContext.storeLog()::log));
    this.context = stores == null ? new ServerContext(config, formats, clock, rooms, refusals, counters)
        : new ServerContext(config, formats, clock, rooms, refusals, counters, stores.accounts, stores.offlineDms,
            stores.dmStreams, new ServerBans(null), System::nanoTime);
    this.dispatcher = new CommandDispatcher(context, tokens == null ? null : new TokenWorkers(tokens, clock, checks));
    this.inbound = MemoryPlan.of(config, JvmMemory.current()).inboundPolicy(config.memory().frameTimeout());
  }

  ServerContext context() {
    return context;
  }

  /** A new connection, active, with the server pipeline of listener 0. */
  Connection connect() {
    return connect(new EmbeddedChannel());
  }

  /** A new connection logged in as {@code nick}, its welcome read. */
  Connection login(String nick) {
    Connection connection = connect();
    connection.send(new io.netchat.codec.ClientMessage.Hello(null, nick));
    connection.received();
    return connection;
  }

  /** A new connection from {@code host} (an IP literal), as {@link #connect()}. */
  Connection connect(String host) {
    InetSocketAddress remote = new InetSocketAddress(host, 40000 + connections.size());
    return connect(new EmbeddedChannel() {
      @Override
      protected SocketAddress remoteAddress0() {
        return remote;
      }
    });
  }

  private Connection connect(EmbeddedChannel server) {
    server.freezeTime();
    server.pipeline().addLast(new ServerChannelInitializer(context, dispatcher, 0, inbound, null));
    server.runPendingTasks();
    EmbeddedChannel client = new EmbeddedChannel();
    format.install(client.pipeline(), Side.CLIENT);
    Connection connection = new Connection(server, client);
    connections.add(connection);
    return connection;
  }

  /** Runs queued tasks on every connection until none is left. */
  void settle() {
    boolean ran = true;
    while (ran) {
      ran = false;
      for (Connection c : connections) {
        if (c.server.hasPendingTasks()) {
          c.server.runPendingTasks();
          ran = true;
        }
      }
    }
  }

  /** Closes every channel and checks nothing is left unreleased. */
  void finish() {
    for (Connection c : connections) {
      c.server.finishAndReleaseAll();
      c.client.finishAndReleaseAll();
    }
  }

  /** One embedded connection: the server pipeline and a client decoder for its output. */
  final class Connection {
    final EmbeddedChannel server;
    final EmbeddedChannel client;

    Connection(EmbeddedChannel server, EmbeddedChannel client) {
      this.server = server;
      this.client = client;
    }

    void send(ClientMessage message) {
      ByteBuf frame = format.encode(message, ByteBufAllocator.DEFAULT);
      server.writeInbound(frame);
      settle();
    }

    /** Sends every command before any task runs: a client that pipelines. */
    void sendAll(ClientMessage... messages) {
      for (ClientMessage message : messages) {
        arrive(message);
      }
      settle();
    }

    /** Reads one command and runs no queued task: its work on other loops is still pending. */
    void arrive(ClientMessage message) {
      server.writeInbound(format.encode(message, ByteBufAllocator.DEFAULT));
    }

    void sendRaw(ByteBuf bytes) {
      server.writeInbound(bytes);
      settle();
    }

    /** Everything the server wrote to this connection since the last call, decoded. */
    List<Object> received() {
      settle();
      server.runPendingTasks();
      Object out;
      while ((out = server.readOutbound()) != null) {
        client.writeInbound(out);
      }
      List<Object> messages = new ArrayList<>();
      Object in;
      while ((in = client.readInbound()) != null) {
        messages.add(in);
      }
      return messages;
    }

    ServerMessage last() {
      List<Object> all = received();
      return all.isEmpty() ? null : (ServerMessage) all.get(all.size() - 1);
    }
  }
}
