package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The audit log: a line at hello and one at the end of a session, with who, where from, where, how long, why. */
class AuditLogTest {
  private final Logger audit = (Logger) LoggerFactory.getLogger("netchat.audit");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private ChatServer server;

  @BeforeEach
  void capture() {
    lines.start();
    audit.addAppender(lines);
  }

  @AfterEach
  void stop() {
    audit.detachAppender(lines);
    if (server != null) {
      server.close();
    }
  }

  private List<String> infoLines() {
    return lines.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aSessionIsAuditedAtHelloAndAtItsEndWithTheReason() throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback());
    InetSocketAddress address = server.addresses().get(0);
    String listener = "/127.0.0.1:" + address.getPort();
    try (WireClient silent = WireClient.connect(address); WireClient ann = WireClient.login(address, "ann")) {
      String from = "/127.0.0.1:" + ann.localPort();
      ann.send(new ClientMessage.Quit(null, "see\nyou"));
      ann.expect(ServerMessage.Bye.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> infoLines().size() == 2);
      assertThat(infoLines().get(0)).isEqualTo("hello ann from " + from + " on " + listener);
      assertThat(infoLines().get(1)).matches("closed ann from " + from.replace(".", "\\.") + " on "
          + listener.replace(".", "\\.") + " after \\d+(ms|s): quit");
    }
    server.close();
    assertThat(infoLines()).as("a connection that never logged in is not audited at info").hasSize(2);
  }
}
