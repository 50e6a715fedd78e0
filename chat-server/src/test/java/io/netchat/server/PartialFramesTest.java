package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.MemoryConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, findings 2 and 6 over loopback: what a connection may hold in an incomplete frame is
 * bounded before hello, over all connections, and in time.
 */
class PartialFramesTest {
  private final List<WireClient> clients = new ArrayList<>();
  private ChatServer server;

  @AfterEach
  void stop() throws IOException {
    for (WireClient client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(MemoryConfig memory) {
    server = ChatServer.start(TestServers.jsonOnLoopback().withMemory(memory));
    return server.addresses().get(0);
  }

  @Test
  void beforeHelloAFrameOverEightKibIsTooLargeAfterHelloItIsFine() throws Exception {
    InetSocketAddress address = start(MemoryConfig.defaults());
    byte[] bigPing = paddedPing("big", 9000);

    WireClient stranger = track(WireClient.connect(address));
    stranger.sendRaw(bigPing);
    ServerMessage.Error refused = stranger.expect(ServerMessage.Error.class);
    assertThat(refused.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(refused.message()).isEqualTo("frame of 9000 bytes exceeds the limit of 8192 before hello");
    assertThat(stranger.expect(ServerMessage.Bye.class).reason()).isEqualTo("too_large");
    assertThat(stranger.closedByServer()).isTrue();

    WireClient member = track(WireClient.login(address, "member"));
    member.sendRaw(bigPing);
    assertThat(member.next()).isEqualTo(new ServerMessage.Pong("big"));
  }

  @Test
  void aFrameTrickledInByteByByteIsDroppedAtItsDeadlineThoughTheIdleTimerSeesReads() throws Exception {
    InetSocketAddress address = start(new MemoryConfig(0, 0, 0, Duration.ofMillis(800)));
    WireClient slow = track(WireClient.login(address, "slow"));
    byte[] frame = paddedPing("slow", 200);
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    try {
      trickler.scheduleAtFixedRate(() -> {
        try {
          slow.sendRaw(new byte[] {frame[sent.getAndIncrement()]});
        } catch (IOException | RuntimeException closed) {
          throw new IllegalStateException("stop", closed); // ends the schedule
        }
      }, 0, 100, TimeUnit.MILLISECONDS);

      assertThat(slow.expect(ServerMessage.Bye.class).reason()).isEqualTo("frame_timeout");
      assertThat(slow.closedByServer()).isTrue();
    } finally {
      trickler.shutdownNow();
    }
    assertThat(sent.get()).isLessThan(frame.length); // 200 bytes at 10/s would take 20 s
    await().atMost(Duration.ofSeconds(10)).until(() -> server.inboundBytesHeld() == 0);
  }

  @Test
  void partialFramesBeyondTheGlobalBudgetCostOnlyTheConnectionsThatSendThem() throws Exception {
    int held = 20_000;
    InetSocketAddress address = start(new MemoryConfig(5L * held, 0, 0, Duration.ofMinutes(5)));
    List<WireClient> holders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      WireClient holder = track(WireClient.login(address, "holder" + i));
      holder.sendRaw(Arrays.copyOf(paddedPing("h" + i, 30_000), held));
      holders.add(holder);
      int holding = i + 1;
      await().atMost(Duration.ofSeconds(10)).until(() -> server.inboundBytesHeld() == (long) holding * held);
    }

    WireClient sixth = track(WireClient.login(address, "sixth"));
    sixth.sendRaw(Arrays.copyOf(paddedPing("x", 30_000), 1_000));
    ServerMessage.Error refused = sixth.expect(ServerMessage.Error.class);
    assertThat(refused.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(refused.message()).contains("too many incomplete frames");
    assertThat(sixth.expect(ServerMessage.Bye.class).reason()).isEqualTo("limit_reached");
    assertThat(sixth.closedByServer()).isTrue();
    assertThat(server.inboundBytesHeld()).isEqualTo(5L * held);

    // With the budget full, small frames still flow: a newcomer logs in and chats.
    WireClient newcomer = track(WireClient.login(address, "newcomer"));
    newcomer.send(new ClientMessage.Join(null, "lobby", null));
    newcomer.expect(ServerMessage.Joined.class);
    newcomer.send(new ClientMessage.Say(null, "lobby", "still here"));
    assertThat(newcomer.expect(ServerMessage.Message.class).text()).isEqualTo("still here");

    // Holders that leave give their bytes back; with room in the budget a holder may finish its frame.
    for (WireClient holder : holders.subList(1, holders.size())) {
      holder.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.inboundBytesHeld() == held);
    byte[] whole = paddedPing("h0", 30_000);
    holders.get(0).sendRaw(Arrays.copyOfRange(whole, held, whole.length));
    assertThat(holders.get(0).next()).isEqualTo(new ServerMessage.Pong("h0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.inboundBytesHeld() == 0);
  }

  private WireClient track(WireClient client) {
    clients.add(client);
    return client;
  }

  /** A length-framed {@code ping} of exactly {@code payloadLength} bytes (padded with an unknown field). */
  private static byte[] paddedPing(String id, int payloadLength) {
    String head = "{\"type\":\"ping\",\"id\":\"" + id + "\",\"pad\":\"";
    String json = head + "x".repeat(payloadLength - head.length() - 2) + "\"}";
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }
}
