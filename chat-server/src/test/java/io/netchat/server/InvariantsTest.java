package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The invariants of docs/ARCHITECTURE.md §4, each proved over real loopback sockets. */
class InvariantsTest {
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(ServerConfig config) {
    server = ChatServer.start(config);
    return server.addresses().get(0);
  }

  /** Invariant 1: every member sees 1..N in one order, while members on several loops send at once. */
  @Test
  void everyMemberSeesTheSameGapFreeOrder() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withTransport(io.netchat.codec.Transport.AUTO, 4)
        .withLimits(TestServers.limits(null, null, null, 1000, 100_000, 100_000, null, null)));
    int senders = 6;
    int each = 40;
    List<WireClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      for (int i = 0; i < senders; i++) {
        WireClient client = WireClient.login(address, "u" + i);
        client.send(new ClientMessage.Join(null, "race", null));
        client.expect(ServerMessage.Joined.class);
        clients.add(client);
      }
      List<CompletableFuture<List<ServerMessage.Message>>> received = new ArrayList<>();
      for (WireClient client : clients) {
        received.add(CompletableFuture.supplyAsync(() -> {
          try {
            String me = client.toString();
            for (int n = 0; n < each; n++) {
              client.send(new ClientMessage.Say(null, "race", me + "#" + n));
            }
            List<ServerMessage.Message> messages = new ArrayList<>();
            while (messages.size() < senders * each) {
              if (client.next() instanceof ServerMessage.Message m) {
                messages.add(m);
              }
            }
            return messages;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      List<ServerMessage.Message> first = received.get(0).get(30, TimeUnit.SECONDS);
      assertThat(first).extracting(ServerMessage.Message::seq)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, senders * each).boxed().toList());
      for (CompletableFuture<List<ServerMessage.Message>> other : received) {
        assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
      for (WireClient client : clients) {
        client.close();
      }
    }
  }

  /** Invariant 2: malformed, unknown, invalid and oversize input costs only the offender. */
  @Test
  void badInputCostsOnlyTheOffender() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob");
        WireClient mal = WireClient.login(address, "mal")) {
      for (WireClient c : List.of(ann, bob, mal)) {
        c.send(new ClientMessage.Join(null, "r", null));
        c.expect(ServerMessage.Joined.class);
      }
      String[] garbage = {"{not json", "[1,2]", "{\"type\":\"shout\",\"id\":\"u1\"}", "{\"type\":\"say\",\"room\":\"r\"}"};
      ErrorCode[] codes = {ErrorCode.BAD_JSON, ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.BAD_REQUEST};
      for (int i = 0; i < garbage.length; i++) {
        mal.sendRaw(lengthFramed(garbage[i].getBytes(StandardCharsets.UTF_8)));
        assertThat(mal.expect(ServerMessage.Error.class).errorCode()).isEqualTo(codes[i]);
        assertStillChatting(ann, bob, "after garbage " + i);
      }
      mal.sendRaw(lengthFramed(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}));
      assertThat(mal.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.BAD_JSON);
      mal.send(new ClientMessage.Say(null, "r", "mal can still talk"));
      assertThat(bob.expect(ServerMessage.Message.class).text()).isEqualTo("mal can still talk");

      mal.sendRaw(ByteBuffer.allocate(4).putInt(10_000_000).array());
      ServerMessage.Error tooLarge = mal.expect(ServerMessage.Error.class);
      assertThat(tooLarge.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(mal.next()).isEqualTo(new ServerMessage.Bye("too_large"));
      assertThat(mal.closedByServer()).isTrue();
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("quit")).nick()).isEqualTo("mal");
      assertStillChatting(ann, bob, "after the offender was closed");
    }
  }

  /** Invariant 2 (flood): a flooder is refused, then dropped; the room carries on. */
  @Test
  void aFlooderIsRateLimitedThenDisconnected() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 1, 3, 5, null)));
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "r", null));
      bob.expect(ServerMessage.Joined.class);
      for (int i = 0; i < 10; i++) {
        try {
          bob.send(new ClientMessage.Ping("p" + i));
        } catch (java.io.IOException closedByServer) {
          break; // the server may already have dropped the flooder: that is the point
        }
      }
      ServerMessage.Error limited = bob.expect(ServerMessage.Error.class);
      assertThat(limited.errorCode()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(limited.re()).startsWith("p");
      assertThat(bob.expect(ServerMessage.Bye.class).reason()).isEqualTo("flooding");
      assertThat(bob.closedByServer()).isTrue();
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("quit")).nick()).isEqualTo("bob");
    }
  }

  /** Invariant 3: a client that stops reading is dropped; the sender and the heap are not held up. */
  @Test
  void aSlowReaderIsDisconnectedAndTheRoomIsNotSlowed() throws Exception {
    long maxOutbound = 256 * 1024;
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 100_000, 100_000, null, maxOutbound)));
    int sent = SlowReaders.floodUntilCut(address);
    assertThat((long) sent * SlowReaders.TEXT_LENGTH).isGreaterThan(maxOutbound);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 0);
  }

  /** Invariant 4: a re-join with since gets exactly what it missed, or a gap for what fell out. */
  @Test
  void rejoinWithSinceRecoversMissedMessagesOrAGap() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, 5, null, null, null, null)));
    try (WireClient ann = WireClient.login(address, "ann")) {
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      for (int i = 1; i <= 10; i++) {
        ann.send(new ClientMessage.Say("s" + i, "r", "m" + i));
        assertThat(ann.expect(ServerMessage.Ok.class).seq()).isEqualTo(i);
      }
      try (WireClient bob = WireClient.login(address, "bob")) {
        bob.send(new ClientMessage.Join("j", "r", 7L));
        assertThat(bob.expect(ServerMessage.Joined.class).seq()).isEqualTo(10);
        assertThat(bob.next()).extracting(m -> ((ServerMessage.Message) m).seq()).isEqualTo(8L);
        assertThat(bob.next()).extracting(m -> ((ServerMessage.Message) m).seq()).isEqualTo(9L);
        assertThat(bob.next()).extracting(m -> ((ServerMessage.Message) m).seq()).isEqualTo(10L);
        assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("j"));
      }
      try (WireClient carol = WireClient.login(address, "carol")) {
        carol.send(new ClientMessage.Join("j", "r", 2L));
        carol.expect(ServerMessage.Joined.class);
        assertThat(carol.next()).isEqualTo(new ServerMessage.Gap("r", 3, 5));
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          seqs.add(((ServerMessage.Message) carol.next()).seq());
        }
        assertThat(seqs).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(carol.next()).isEqualTo(new ServerMessage.Ok("j"));
      }
    }
  }

  private static void assertStillChatting(WireClient ann, WireClient bob, String when) throws Exception {
    ann.send(new ClientMessage.Say(null, "r", "still here " + when));
    assertThat(bob.expect(ServerMessage.Message.class).text()).isEqualTo("still here " + when);
  }

  static byte[] lengthFramed(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }
}
