package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netchat.testkit.DefaultAllocatorBytes;
import io.netchat.testkit.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole server pipeline (frame decoder, codec, session, dispatcher, rooms) of one server on
 * {@code EmbeddedChannel}s: two to four connections share its users and rooms, so joins, fan-out,
 * presence, history and the limits between connections are exercised. The fuzzer drives a script
 * of steps: a valid command from a small pool of nicks and rooms (so they collide), raw bytes
 * (garbage, partial and oversized frames), reading a connection's output, letting time pass
 * (rate limits, hello, idle and ping deadlines, empty-room expiry) and closing a connection.
 *
 * <p>After every input: the server never answers {@code internal_error}, everything it writes is
 * a well-formed frame of the format, a room's messages reach each member in increasing
 * {@code seq}, a {@code gap} is a real range of seqs, and every buffer is released. Buffers the
 * connections allocate come from a {@link TrackingAllocator} and are checked by reference count;
 * those from the default allocator (broadcast frames) are checked by balance when it is unpooled,
 * as while fuzzing, and by the build's paranoid leak detection when replaying.
 *
 * <p>Built on {@link EmbeddedServer} and the public message model only, not on the server's
 * internals. In a normal build this replays
 * {@code src/test/resources/io/netchat/server/ServerPipelineFuzzTestInputs/connections/};
 * {@code bin/fuzz 10 server} fuzzes for real (see {@code docs/testing.md}).
 */
class ServerPipelineFuzzTest {
  private static final String[] NICKS = {"alice", "bob", "Alice", "c4rol"};
  private static final String[] ROOMS = {"lobby", "dev", "LOBBY", "a.b-c"};
  private static final String[] IDS = {"1", "2", "x"};
  private static final long[] WAITS_MS = {1, 250, 1_000, 31_000, 61_000, 601_000};
  private static final int MAX_STEPS = 64;
  private static final int MAX_TEXT = 300;
  private static final int MAX_RAW = 512;
  private static final String INTERNAL_ERROR = "internal_error";

  /** Small limits, so that an input of a few hundred bytes can reach every one of them. */
  private static final ServerConfig CONFIG = TestServers.jsonOnLoopback()
      .withLimits(TestServers.limits(3, 2, null, 4, 5, 8, 6, 16_384L));

  /** Loaded once: loading the codecs costs far more than running an input. */
  private static final CodecRegistry CODECS = CodecRegistry.load();

  private final TrackingAllocator allocator = new TrackingAllocator();

  @FuzzTest(maxDuration = "5m")
  void connections(FuzzedDataProvider data) {
    long defaultBytesBefore = DefaultAllocatorBytes.inUse();
    EmbeddedServer server = new EmbeddedServer(CONFIG, CODECS);
    List<Client> clients = new ArrayList<>();
    try {
      int count = data.consumeInt(2, 4);
      for (int i = 0; i < count; i++) {
        EmbeddedServer.Connection connection = server.connect();
        connection.server.config().setAllocator(allocator);
        clients.add(new Client(connection));
      }
      for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
        Client client = clients.get(data.consumeInt(0, clients.size() - 1));
        switch (data.consumeInt(0, 7)) {
          case 0, 1, 2 -> client.send(command(data));
          case 3, 4 -> client.sendRaw(data.consumeBytes(data.consumeInt(1, MAX_RAW)));
          case 5 -> client.check(client.connection.received());
          case 6 -> letTimePass(server, clients, WAITS_MS[data.consumeInt(0, WAITS_MS.length - 1)]);
          default -> {
            client.connection.server.close();
            server.settle();
          }
        }
      }
      for (Client client : clients) {
        client.check(client.connection.received());
      }
    } finally {
      server.finish();
    }
    allocator.assertAllReleased();
    if (DefaultAllocatorBytes.exact()) {
      assertThat(DefaultAllocatorBytes.inUse()).as("bytes held by the default allocator after the input")
          .isEqualTo(defaultBytesBefore);
    }
  }

  /** Every connection's clock moves on by {@code millis}; due timers run. */
  private static void letTimePass(EmbeddedServer server, List<Client> clients, long millis) {
    for (Client client : clients) {
      client.connection.server.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    }
    for (Client client : clients) {
      client.connection.server.runPendingTasks();
    }
    server.settle();
  }

  /** A valid command, or {@code null} when the fuzzer's text breaks the model's rules. */
  private static ClientMessage command(FuzzedDataProvider data) {
    String id = data.consumeBoolean() ? null : pick(data, IDS);
    try {
      return switch (data.consumeInt(0, 11)) {
        case 0 -> new ClientMessage.Hello(id, pick(data, NICKS));
        case 1 -> new ClientMessage.Join(id, pick(data, ROOMS), data.consumeBoolean() ? null : data.consumeLong(0, Long.MAX_VALUE));
        case 2 -> new ClientMessage.Leave(id, pick(data, ROOMS));
        case 3 -> new ClientMessage.Say(id, pick(data, ROOMS), data.consumeString(MAX_TEXT));
        case 4 -> new ClientMessage.Dm(id, pick(data, NICKS), data.consumeString(MAX_TEXT));
        case 5 -> new ClientMessage.Topic(id, pick(data, ROOMS), data.consumeBoolean() ? null : data.consumeString(MAX_TEXT));
        case 6 -> new ClientMessage.Who(id, pick(data, ROOMS));
        case 7 -> new ClientMessage.Rooms(id);
        case 8 -> new ClientMessage.History(id, pick(data, ROOMS),
            data.consumeBoolean() ? null : data.consumeLong(1, Long.MAX_VALUE),
            data.consumeBoolean() ? null : data.consumeInt(1, Integer.MAX_VALUE));
        case 9 -> new ClientMessage.Ping(id);
        case 10 -> new ClientMessage.Pong(id);
        default -> new ClientMessage.Quit(id, data.consumeBoolean() ? null : data.consumeString(MAX_TEXT));
      };
    } catch (ChatCodecException brokenRule) {
      return null;
    }
  }

  private static String pick(FuzzedDataProvider data, String[] names) {
    return names[data.consumeInt(0, names.length - 1)];
  }

  /** One connection as its user sees it: what it sends, and the seq it last saw in each room. */
  private final class Client {
    private final EmbeddedServer.Connection connection;
    private final Map<String, Long> lastSeq = new HashMap<>();

    Client(EmbeddedServer.Connection connection) {
      this.connection = connection;
    }

    void send(ClientMessage command) {
      if (command != null && connection.server.isOpen()) {
        connection.send(command);
      }
    }

    void sendRaw(byte[] bytes) {
      if (connection.server.isOpen()) {
        ByteBuf read = allocator.directBuffer(bytes.length).writeBytes(bytes);
        connection.sendRaw(read);
      }
    }

    void check(List<Object> output) {
      for (Object message : output) {
        assertThat(message).as("what the server wrote, decoded by a client").isInstanceOf(ServerMessage.class);
        if (message instanceof ServerMessage.Bye bye) {
          assertThat(bye.reason()).as("bye").isNotEqualTo(INTERNAL_ERROR);
        } else if (message instanceof ServerMessage.Error error) {
          assertThat(error.code()).as("error %s", error.message()).isNotEqualTo(INTERNAL_ERROR);
        } else if (message instanceof ServerMessage.Joined joined) {
          lastSeq.remove(key(joined.room()));
        } else if (message instanceof ServerMessage.Gap gap) {
          assertThat(gap.from()).as("gap %s", gap).isPositive().isLessThanOrEqualTo(gap.to());
        } else if (message instanceof ServerMessage.Message said) {
          Long before = lastSeq.put(key(said.room()), said.seq());
          assertThat(said.seq()).as("seq in %s after %s", said.room(), before).isPositive()
              .isGreaterThan(before == null ? 0 : before);
        }
      }
    }

    private static String key(String room) {
      return room.toLowerCase(java.util.Locale.ROOT);
    }
  }
}
