package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ServerMessage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client library honours the server's {@code bye}: no reconnect after {@code reconnect:
 * false}, no reconnect sooner than {@code retry_after_ms}, and the session's secret sent as
 * {@code hello{resume}} when it does reconnect.
 */
class ServerByeTest {
  private static final ReconnectPolicy FAST =
      new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);

  private static ChatClient connect(ByeServer server, RecordingListener events) throws Exception {
    ChatClient client = ChatClient.create(ClientConfig.defaults().withAddress("127.0.0.1", server.port())
        .withNick("ann").withReconnect(FAST), events);
    client.connect().get(10, TimeUnit.SECONDS);
    return client;
  }

  @Test
  void reconnectFalseEndsTheClientInsteadOfALoop() throws Exception {
    RecordingListener events = new RecordingListener();
    try (ByeServer server = new ByeServer(ServerMessage.Bye.of(ByeCode.REPLACED))) {
      try (ChatClient ann = connect(server, events)) {
        ann.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(events.connection).extracting(ConnectionEvent::kind).containsExactly(
            ConnectionEvent.Kind.CONNECTED, ConnectionEvent.Kind.DISCONNECTED, ConnectionEvent.Kind.CLOSED);
        assertThat(events.connection.get(2).detail()).contains("replaced", "not to reconnect");
        assertThat(server.hellos()).hasSize(1);
      }
    }
  }

  @Test
  void aRefusalWhileReconnectingEndsTheClientToo() throws Exception {
    RecordingListener events = new RecordingListener();
    try (ByeServer server = new ByeServer(ServerMessage.Bye.of(ByeCode.PING_TIMEOUT), ServerMessage.Bye.of(ByeCode.BANNED))) {
      try (ChatClient ann = connect(server, events)) {
        ann.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(events.connection.get(events.connection.size() - 1).detail()).contains("banned", "not to reconnect");
        assertThat(events.count(ConnectionEvent.Kind.RECONNECTING)).isEqualTo(1);
        assertThat(server.hellos()).hasSize(2);
      }
    }
  }

  @Test
  void aServerThatSaysRetryAfterIsNotCalledBackSooner() throws Exception {
    RecordingListener events = new RecordingListener();
    try (ByeServer server = new ByeServer(ServerMessage.Bye.of(ByeCode.SHUTTING_DOWN).retryAfter(700))) {
      ChatClient ann = connect(server, events);
      events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      long waited = server.hellos().get(1).nanos() - server.byeSentNanos();
      assertThat(TimeUnit.NANOSECONDS.toMillis(waited)).isGreaterThanOrEqualTo(700);
      ann.close();
    }
  }

  @Test
  void aReconnectResumesTheSessionWithItsSecretAndSaysWhoItIs() throws Exception {
    RecordingListener events = new RecordingListener();
    try (ByeServer server = new ByeServer(ServerMessage.Bye.of(ByeCode.PING_TIMEOUT))) {
      ChatClient ann = connect(server, events);
      events.awaitConnection(ConnectionEvent.Kind.RECONNECTED);
      await().atMost(RecordingListener.WAIT).until(() -> server.hellos().size() == 2);
      var first = server.hellos().get(0).command();
      var second = server.hellos().get(1).command();
      assertThat(first.path("protocol").asInt()).isEqualTo(1);
      assertThat(first.path("client").asText()).startsWith("netchat-java/");
      assertThat(first.has("resume")).as("nothing to resume on the first connect").isFalse();
      assertThat(second.path("resume").asText()).isEqualTo("secret-1");
      ann.close();
    }
  }
}
