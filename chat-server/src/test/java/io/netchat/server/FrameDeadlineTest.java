package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.MemoryConfig;
import io.netchat.server.config.ServerConfig;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 6 on virtual time: a frame trickled in one byte every 2 s keeps the idle timer
 * quiet, but its own deadline ({@code memory.frame_timeout}) closes the connection.
 */
class FrameDeadlineTest {
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults()
      .withTimeouts(TestServers.timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5)))
      .withMemory(new MemoryConfig(0, 0, 0, Duration.ofSeconds(15))));

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void aTrickledFrameIsClosedAtItsDeadlineAlthoughTheIdleTimerNeverFires() {
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Hello(null, "slow"));
    c.received();
    byte[] partial = {0, 0, 1, 0, '{', '"', 't', 'y', 'p', 'e'}; // 256 bytes announced

    int sent = 0;
    while (c.server.isActive() && sent < partial.length) {
      c.sendRaw(Unpooled.wrappedBuffer(new byte[] {partial[sent++]}));
      c.server.advanceTimeBy(2, TimeUnit.SECONDS);
      c.server.runScheduledPendingTasks();
      if (sent < 8) {
        assertThat(c.received()).as("after %d s", 2 * sent).isEmpty(); // reads keep the idle timer from pinging
      }
    }

    assertThat(sent).isEqualTo(8); // the first byte at 0 s, the deadline at 15 s
    assertThat(c.received()).containsExactly(new ServerMessage.Bye("frame_timeout"));
    c.server.advanceTimeBy(5, TimeUnit.SECONDS); // the close grace for a peer that does not read
    c.server.runScheduledPendingTasks();
    assertThat(c.server.isActive()).isFalse();
  }
}
