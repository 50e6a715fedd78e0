package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.WireFormat;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Transport;
import io.netchat.server.config.LimitsConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hardening finding 3 over loopback: one {@code rooms} answer over 5,000 rooms with 4,096-char
 * topics took 1.4–1.7 s on an event loop and starved every other client of that loop. A page now
 * costs what it returns; and a walk of pages lists every room present throughout exactly once,
 * while other rooms come and go.
 */
class RoomListingTest {
  private static final String TOPIC = "t".repeat(4096);
  private static final int ROOMS = 5000;
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start() {
    LimitsConfig limits = LimitsConfig.builder().maxRoomsPerSession(1000).messagesPerSecond(1_000_000)
        .burst(1_000_000).roomCreationsPerMinute(1_000_000).roomCreationBurst(1_000_000).build();
    // one event loop: the pinger and the lister share it, as the starved clients did
    server = ChatServer.start(TestServers.jsonOnLoopback().withLimits(limits).withTransport(Transport.NIO, 1)
        .withTimeouts(TestServers.timeouts(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5))));
    return server.addresses().get(0);
  }

  /** Creates rooms {@code prefix0000..} that stay after their creator leaves (they hold a topic). */
  private static List<String> createRooms(WireClient creator, String prefix, int count, String topic)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (int batch = 0; batch < count; batch += 100) {
      for (int i = batch; i < Math.min(count, batch + 100); i++) {
        String name = prefix + String.format("%04d", i);
        names.add(name);
        creator.send(new ClientMessage.Join(null, name, null));
        creator.send(new ClientMessage.Topic(null, name, topic));
        creator.send(new ClientMessage.Leave("l" + i, name));
      }
      String last = "l" + (Math.min(count, batch + 100) - 1);
      creator.expect(ServerMessage.Ok.class, ok -> ok.re().equals(last));
      creator.seen().clear();
    }
    return names;
  }

  private static List<String> walk(WireClient lister, Integer limit) throws Exception {
    List<String> walked = new ArrayList<>();
    String after = null;
    do {
      lister.send(new ClientMessage.Rooms(null, after, limit));
      ServerMessage.Rooms page = lister.expect(ServerMessage.Rooms.class);
      page.rooms().forEach(room -> walked.add(room.name()));
      after = page.next();
      lister.seen().clear();
    } while (after != null);
    return walked;
  }

  @Test
  void listingFiveThousandRoomsWithLongTopicsDoesNotStarveTheLoop() throws Exception {
    InetSocketAddress address = start();
    RoomMaker maker = new RoomMaker(server.loop(), WireFormat.of("length", "json", 65536, CodecRegistry.load()));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < ROOMS; i++) {
      names.add(String.format("big%04d", i));
      maker.create(server.rooms(), names.get(i), TOPIC);
    }
    assertThat(server.roomCount()).isEqualTo(ROOMS);
    try (WireClient lister = WireClient.login(address, "lister"); WireClient pinger = WireClient.login(address, "pinger")) {
      // the shape that starved the loop: 20 rooms requests at once, then someone else's ping
      for (int i = 0; i < 20; i++) {
        lister.send(new ClientMessage.Rooms("r" + i));
      }
      long start = System.nanoTime();
      pinger.send(new ClientMessage.Ping("p"));
      pinger.expect(ServerMessage.Pong.class, pong -> "p".equals(pong.id()));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).as("ping behind 20 rooms requests over %d rooms", ROOMS).isLessThan(1000);
      lister.expect(ServerMessage.Ok.class, ok -> "r19".equals(ok.re()));
      lister.seen().clear();

      AtomicBoolean done = new AtomicBoolean();
      CompletableFuture<List<String>> walked = CompletableFuture.supplyAsync(() -> {
        try {
          return walk(lister, null);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          done.set(true);
        }
      });
      long worst = 0;
      int pings = 0;
      while (!done.get() || pings == 0) {
        long sent = System.nanoTime();
        String id = "q" + pings;
        pinger.send(new ClientMessage.Ping(id));
        pinger.expect(ServerMessage.Pong.class, pong -> id.equals(pong.id()));
        worst = Math.max(worst, System.nanoTime() - sent);
        pings++;
      }
      assertThat(walked.get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(names);
      assertThat(TimeUnit.NANOSECONDS.toMillis(worst)).as("slowest of %d pings during a whole walk", pings)
          .isLessThan(1000);
    }
  }

  @Test
  void aWalkOfPagesListsEveryRoomPresentThroughoutExactlyOnceWhileRoomsComeAndGo() throws Exception {
    InetSocketAddress address = start();
    List<String> stable;
    try (WireClient creator = WireClient.login(address, "maker")) {
      stable = createRooms(creator, "s", 600, "kept");
    }
    AtomicBoolean stop = new AtomicBoolean();
    try (WireClient churner = WireClient.login(address, "churner"); WireClient lister = WireClient.login(address, "lister")) {
      CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> {
        int n = 0;
        try {
          while (!stop.get()) {
            // rooms that sort between and around the stable ones, created and dropped at once
            String name = (n % 3 == 0 ? "s" : n % 3 == 1 ? "a" : "t") + String.format("%04d", n % 700) + "x";
            churner.send(new ClientMessage.Join(null, name, null));
            churner.send(new ClientMessage.Leave("c" + n, name));
            String re = "c" + n;
            churner.expect(ServerMessage.Ok.class, ok -> re.equals(ok.re()));
            churner.seen().clear();
            n++;
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return n;
      });
      for (int round = 0; round < 5; round++) {
        List<String> walked = walk(lister, 7);
        Set<String> unique = new HashSet<>(walked);
        assertThat(unique).as("no room twice").hasSameSizeAs(walked);
        assertThat(walked.stream().filter(name -> !name.endsWith("x")).toList()).containsExactlyElementsOf(stable);
      }
      stop.set(true);
      assertThat(churn.get(30, TimeUnit.SECONDS)).as("rooms created and removed during the walks").isPositive();
    }
  }
}
