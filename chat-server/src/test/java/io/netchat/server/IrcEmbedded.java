package io.netchat.server;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.InboundPolicy;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Side;
import io.netchat.codec.WireFormat;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.irc.IrcFormats;
import io.netchat.server.irc.IrcListener;
import io.netchat.server.irc.IrcServerInfo;
import io.netchat.server.room.RingHistory;
import io.netchat.server.room.RoomContext;
import io.netchat.server.room.RoomRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server with a JSON listener (0) and an IRC listener (1) on {@link EmbeddedChannel}s, with a
 * frozen clock: IRC connections are fed raw lines and read back lines; JSON connections messages.
 */
final class IrcEmbedded {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00.000Z");

  private final ServerContext context;
  private final CommandDispatcher dispatcher;
  private final WireFormat json;
  private final InboundPolicy inbound;
  private final IrcListener irc;
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<EmbeddedChannel> clients = new ArrayList<>();
  /** The fanout formats, as the rooms use them, each codec wrapped to count its encodes. */
  final IrcFormats formats;
  /** The counting codec of each fanout format, by index. */
  final List<CountingCodec> encodes = new ArrayList<>();

  IrcEmbedded(ServerConfig config) {
    CodecRegistry codecs = CodecRegistry.load();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    json = WireFormat.of("length", "json", config.limits().maxFrameLength(), codecs);
    List<WireFormat> listeners = List.of(json, WireFormat.of("irc", "irc", config.limits().maxFrameLength(), codecs));
    IrcFormats real = IrcFormats.of(listeners, config.serverName());
    List<WireFormat> counted = new ArrayList<>();
    for (WireFormat format : real.all()) {
      CountingCodec codec = new CountingCodec(format.codec().name(), format.codec());
      encodes.add(codec);
      counted.add(new WireFormat(format.framing(), codec, format.maxFrameLength()));
    }
    formats = new IrcFormats(counted, real.variantsFrom());
    RepeatedLog refusals = ServerContext.refusalLog();
    AtomicLong creationNanos = new AtomicLong();
    RoomRegistry rooms = new RoomRegistry(new RoomContext(formats.all(), ByteBufAllocator.DEFAULT, clock,
        config.limits(), config.emptyRoomRetention(), (capacity, loop) -> new RingHistory(capacity)),
        () -> channels.get(0).eventLoop(),
        new RoomCreationLimiter(config.limits().roomCreationsPerMinute(), config.limits().roomCreationBurst(),
            config.limits().maxConnections(), creationNanos::get, refusals), null);
    context = new ServerContext(config, listeners, clock, rooms, refusals);
    dispatcher = new CommandDispatcher(context);
    inbound = MemoryPlan.of(config, JvmMemory.current()).inboundPolicy(config.memory().frameTimeout());
    irc = new IrcListener(new IrcServerInfo(config.serverName(), config.serverName(), "netchat-test", NOW,
        config.limits().maxTextLength(), config.limits().maxRoomsPerSession(), List.of(),
        () -> context.users().size(), () -> context.rooms().size(), config.timeouts().hello().toMillis()),
        formats.indexes(1));
  }

  /** A new IRC connection. */
  Irc irc() {
    EmbeddedChannel server = new EmbeddedChannel();
    server.freezeTime();
    server.pipeline().addLast(new ServerChannelInitializer(context, dispatcher, 1, inbound, null, irc));
    server.runPendingTasks();
    channels.add(server);
    return new Irc(server);
  }

  /** A new IRC connection registered as {@code nick}, its welcome burst read. */
  Irc registered(String nick) {
    Irc connection = irc();
    connection.type("NICK " + nick, "USER " + nick + " 0 * :" + nick);
    connection.lines();
    return connection;
  }

  /** A new JSON connection logged in as {@code nick}. */
  Json json(String nick) {
    EmbeddedChannel server = new EmbeddedChannel();
    server.freezeTime();
    server.pipeline().addLast(new ServerChannelInitializer(context, dispatcher, 0, inbound, null));
    server.runPendingTasks();
    channels.add(server);
    EmbeddedChannel client = new EmbeddedChannel();
    json.install(client.pipeline(), Side.CLIENT);
    clients.add(client);
    Json connection = new Json(server, client);
    connection.send(new ClientMessage.Hello(null, nick));
    connection.received();
    return connection;
  }

  ServerContext context() {
    return context;
  }

  void settle() {
    boolean ran = true;
    while (ran) {
      ran = false;
      for (EmbeddedChannel c : channels) {
        if (c.hasPendingTasks()) {
          c.runPendingTasks();
          ran = true;
        }
      }
    }
  }

  void finish() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    clients.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  /** One IRC connection: lines in, lines out. */
  final class Irc {
    final EmbeddedChannel server;

    Irc(EmbeddedChannel server) {
      this.server = server;
    }

    /** Sends the lines, each ended by CRLF, in one read. */
    void type(String... lines) {
      raw((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void raw(byte[] bytes) {
      server.writeInbound(Unpooled.wrappedBuffer(bytes));
      settle();
    }

    /** Every line the server wrote since the last call, without CRLF. */
    List<String> lines() {
      settle();
      server.runPendingTasks();
      StringBuilder all = new StringBuilder();
      Object out;
      while ((out = server.readOutbound()) != null) {
        ByteBuf bytes = (ByteBuf) out;
        all.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.release();
      }
      List<String> lines = new ArrayList<>();
      for (String line : all.toString().split("\r\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      return lines;
    }

    boolean open() {
      return server.isActive();
    }
  }

  /** One JSON connection. */
  final class Json {
    final EmbeddedChannel server;
    final EmbeddedChannel client;

    Json(EmbeddedChannel server, EmbeddedChannel client) {
      this.server = server;
      this.client = client;
    }

    void send(ClientMessage message) {
      server.writeInbound(json.encode(message, ByteBufAllocator.DEFAULT));
      settle();
    }

    List<ServerMessage> received() {
      settle();
      server.runPendingTasks();
      Object out;
      while ((out = server.readOutbound()) != null) {
        client.writeInbound(out);
      }
      List<ServerMessage> messages = new ArrayList<>();
      Object in;
      while ((in = client.readInbound()) != null) {
        messages.add((ServerMessage) in);
      }
      return messages;
    }
  }
}
