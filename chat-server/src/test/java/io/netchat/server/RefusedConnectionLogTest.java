package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hardening finding 8: one address opening connection after connection past its limit made
 * one INFO line each (14,176 lines in 10 s). Refusals of one cause now log once per window.
 */
class RefusedConnectionLogTest {
  private static final int REFUSED = 40;
  private final Logger logger = (Logger) LoggerFactory.getLogger(SessionHandler.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private ChatServer server;

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(lines);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void refusalsFromOneAddressLogOneLineNotOneEach() throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, 1, null, null, null, null, null)));
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient admitted = WireClient.connect(address)) {
      admitted.send(new ClientMessage.Ping("in"));
      assertThat(admitted.next()).isEqualTo(new ServerMessage.Pong("in"));
      for (int i = 0; i < REFUSED; i++) {
        try (WireClient refused = WireClient.connect(address)) {
          assertThat(refused.expect(ServerMessage.Bye.class).reason()).isEqualTo("limit_reached");
        }
      }
    }
    assertThat(refusalLines()).hasSize(1);
    assertThat(refusalLines().get(0)).contains("too many connections from 127.0.0.1 (limit 1)");

    server.close(); // a stop sums up what the window held

    assertThat(lines.list.stream().map(ILoggingEvent::getFormattedMessage))
        .anyMatch(line -> line.startsWith((REFUSED - 1) + " more like this in the last 10 s: refused connection"));
  }

  private java.util.List<String> refusalLines() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.startsWith("refused connection")).toList();
  }
}
