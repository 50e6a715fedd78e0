package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A room with one member that stops reading, and one that talks until the server cuts the first. */
final class SlowReaders {
  static final int TEXT_LENGTH = 4000;

  private SlowReaders() {}

  /**
   * Joins a reader that never reads ("slow", tiny receive buffer) and a sender ("fast") to room
   * {@code r}, then has the sender say 4000-char messages, 16 pipelined at a time, until it sees the
   * slow reader's {@code presence{quit}}. Checks every message reaches the sender in seq order and
   * that the slow reader was cut; returns how many messages were said.
   */
  static int floodUntilCut(InetSocketAddress address) throws IOException {
    try (WireClient fast = WireClient.login(address, "fast"); Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(address);
      WireClient.writeLengthFramed(slow, "{\"type\":\"hello\",\"nick\":\"slow\"}");
      WireClient.writeLengthFramed(slow, "{\"type\":\"join\",\"room\":\"r\"}");
      fast.send(new ClientMessage.Join(null, "r", null));
      fast.expect(ServerMessage.Joined.class);
      String text = "x".repeat(TEXT_LENGTH);
      int sent = 0;
      boolean slowGone = false;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // generous: a loaded machine is slow, not wrong
      int batch = 16; // pipelined, so that the loopback's socket buffers fill fast even on a loaded machine
      while (!slowGone && System.nanoTime() < deadline && sent < 5000) {
        for (int i = 0; i < batch; i++) {
          fast.send(new ClientMessage.Say(null, "r", text));
        }
        for (int i = 0; i < batch; i++) {
          sent++;
          ServerMessage event = fast.next();
          while (!(event instanceof ServerMessage.Message)) {
            if (event instanceof ServerMessage.Presence p && p.nick().equals("slow") && p.event().equals("quit")) {
              slowGone = true;
            }
            event = fast.next();
          }
          assertThat(((ServerMessage.Message) event).seq()).isEqualTo(sent);
        }
      }
      assertThat(slowGone).as("slow reader disconnected after %d messages", sent).isTrue();
      return sent;
    }
  }
}
