package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.MemoryConfig;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 8 finding 1, outbound, on loopback: never-reading clients in a flooded room, a
 * per-connection {@code max_outbound_bytes} as large as the whole budget. Without the global
 * budget the slow clients would together queue {@value #SLOW} times the budget before any was cut.
 */
class OutboundBudgetLoopbackTest {
  private static final long BUDGET = 1024 * 1024;
  private static final int SLOW = 4;
  /**
   * Messages in flight per round. The two reading clients can hold at most this many frames in
   * their queues when the test thread is descheduled, far less than a never-reading client holds by
   * the time the budget is exceeded, so a stall on a loaded machine never makes them the largest.
   */
  private static final int BATCH = 2;
  /** Large messages: the kernel's socket buffers take a few MB per slow client before the server queues. */
  private static final String TEXT = "x".repeat(60_000);
  private final Logger sessionLog = (Logger) LoggerFactory.getLogger(Session.class);
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private ChatServer server;

  @BeforeEach
  void capture() {
    warnings.start();
    sessionLog.addAppender(warnings);
  }

  @AfterEach
  void stop() {
    sessionLog.detachAppender(warnings);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theBiggestHoldersAreCutTheTotalStaysBoundedAndTheReadersKeepReceiving() throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 100_000, 100_000, null, BUDGET).toBuilder()
            .maxTextLength(TEXT.length()).maxFrameLength(4 * TEXT.length() + 512).build())
        .withMemory(new MemoryConfig(0, BUDGET, 16 * BUDGET, Duration.ofSeconds(15))));
    InetSocketAddress address = server.addresses().get(0);
    List<Socket> slow = new ArrayList<>();
    try (WireClient sender = WireClient.login(address, "sender");
        WireClient reader = WireClient.login(address, "reader")) {
      for (WireClient client : List.of(sender, reader)) {
        client.send(new ClientMessage.Join(null, "r", null));
        client.expect(ServerMessage.Joined.class);
      }
      for (int i = 0; i < SLOW; i++) {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(address);
        WireClient.writeLengthFramed(socket, "{\"type\":\"hello\",\"nick\":\"slow" + i + "\"}");
        WireClient.writeLengthFramed(socket, "{\"type\":\"join\",\"room\":\"r\"}");
        slow.add(socket);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 2 + SLOW);

      long peak = 0;
      int sent = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      while (server.connectionCount() > 3 && System.nanoTime() < deadline) {
        for (int i = 0; i < BATCH; i++) { // pipelined
          sender.send(new ClientMessage.Say(null, "r", TEXT));
        }
        for (int i = 0; i < BATCH; i++) {
          sender.expect(ServerMessage.Message.class);
          sent++;
          assertThat(reader.expect(ServerMessage.Message.class).seq()).as("the reader gets every message")
              .isEqualTo(sent);
        }
        peak = Math.max(peak, server.outboundBytesHeld());
      }

      assertThat(server.connectionCount()).as("the largest slow clients cut, the two that read kept").isEqualTo(3);
      sender.send(new ClientMessage.Say("last", "r", "still here"));
      assertThat(sender.expect(ServerMessage.Ok.class).re()).isEqualTo("last");
      // bounded by the budget plus what the flood queues in one check period, well under the
      // SLOW × max_outbound_bytes the per-connection limits alone would allow
      assertThat(peak).as("bytes the budget's checks counted (%d messages sent)", sent)
          .isLessThan(SLOW * BUDGET * 3 / 4);
      List<String> lines = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines).as("one WARN per cut, each by the global budget long before its own limit").hasSize(SLOW - 1)
          .allSatisfy(line -> assertThat(line).startsWith("slow consumer slow")
              .contains("more than memory.outbound_bytes = " + BUDGET));
      // the last slow client holds less than the budget alone: it is not cut for the others' bytes
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }
}
