package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session handler's flood control at its edges: the command that crosses
 * {@code flood_disconnect_after}, what resets the count, the {@code retry_after_ms} of a refusal,
 * and frames that arrive while the bucket is empty.
 */
class FloodControlTest {
  private EmbeddedServer server;

  @AfterEach
  void finish() {
    server.finish();
  }

  /** A contract 1.1 session (it sees the whole error) under {@code rate}/s, {@code burst}, closed after {@code flood} refusals in a row. */
  private EmbeddedServer.Connection loggedIn(int rate, int burst, int flood) {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withLimits(TestServers.limits(null, null, null, null, rate, burst, flood, null)));
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Hello(null, "ann", 1, null, null, null));
    assertThat(c.received()).hasSize(1).first().isInstanceOf(ServerMessage.Welcome.class);
    return c;
  }

  private static ServerMessage.Error rateLimited(String id, String type, long retryAfterMillis) {
    return new ServerMessage.Error(id, ErrorCode.RATE_LIMITED.wireName(),
        "more than 1 commands per second; this one was dropped", type, true, retryAfterMillis, null);
  }

  @Test
  void theRefusalThatReachesTheLimitClosesTheConnectionAndNotTheOneBefore() {
    EmbeddedServer.Connection c = loggedIn(1, 1, 3); // hello took the only token
    c.send(new ClientMessage.Ping("1"));
    c.send(new ClientMessage.Ping("2"));
    assertThat(c.received()).containsExactly(rateLimited("1", "ping", 1000), rateLimited("2", "ping", 1000));
    assertThat(c.server.isActive()).isTrue();

    c.send(new ClientMessage.Ping("3"));
    assertThat(c.received()).containsExactly(new ServerMessage.Bye("flooding", "flooding", true, null));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void anAcceptedCommandStartsTheCountAgain() {
    EmbeddedServer.Connection c = loggedIn(1, 1, 3);
    c.send(new ClientMessage.Ping("1"));
    c.send(new ClientMessage.Ping("2"));
    c.server.advanceTimeBy(1, TimeUnit.SECONDS);
    c.send(new ClientMessage.Ping("3"));
    c.send(new ClientMessage.Ping("4"));
    c.send(new ClientMessage.Ping("5"));
    assertThat(c.received()).containsExactly(rateLimited("1", "ping", 1000), rateLimited("2", "ping", 1000),
        new ServerMessage.Pong("3"), rateLimited("4", "ping", 1000), rateLimited("5", "ping", 1000));
    assertThat(c.server.isActive()).as("two refusals in a row since the last accepted command, not four").isTrue();
  }

  @Test
  void retryAfterIsTheWaitForTheNextTokenRoundedUpToAMillisecond() {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withLimits(TestServers.limits(null, null, null, null, 3, 1, 100, null)));
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Hello(null, "ann", 1, null, null, null));
    c.received();
    c.send(new ClientMessage.Ping("p"));
    // one token per 333,333,333.3 ns: 333.33 ms is announced as 334, never as a wait that is too short
    assertThat(c.received()).containsExactly(new ServerMessage.Error("p", ErrorCode.RATE_LIMITED.wireName(),
        "more than 3 commands per second; this one was dropped", "ping", true, 334L, null));
    c.server.advanceTimeBy(333, TimeUnit.MILLISECONDS);
    c.send(new ClientMessage.Ping("q"));
    assertThat(((ServerMessage.Error) c.last()).retryAfterMs()).isEqualTo(1L);
    c.server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    c.send(new ClientMessage.Ping("r"));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("r"));
  }

  @Test
  void pongsTakeNoTokenAndAreNeverRefused() {
    EmbeddedServer.Connection c = loggedIn(1, 2, 2); // hello took one of two tokens
    for (int i = 0; i < 5; i++) {
      c.send(new ClientMessage.Pong("srv-" + i));
    }
    c.send(new ClientMessage.Ping("p"));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("p"));
    assertThat(c.server.isActive()).isTrue();
  }

  @Test
  void aFatalFrameWhileRateLimitedIsStillAnsweredAndClosesTheConnection() {
    EmbeddedServer.Connection c = loggedIn(1, 1, 100);
    c.sendRaw(Unpooled.buffer().writeInt(64 * 1024 + 1));
    assertThat(c.received()).containsExactly(
        new ServerMessage.Error(null, ErrorCode.TOO_LARGE.wireName(), "frame of 65537 bytes exceeds the limit of 65536",
            null, null, null, null),
        new ServerMessage.Bye("too_large", "too_large", false, null));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aBadFrameWhileRateLimitedIsRefusedByRateNamingItsType() {
    EmbeddedServer.Connection c = loggedIn(1, 1, 100);
    byte[] payload = "{\"type\":\"say\",\"room\":\"r\",\"text\":7}".getBytes(StandardCharsets.UTF_8);
    c.sendRaw(Unpooled.buffer().writeInt(payload.length).writeBytes(payload));
    assertThat(c.received()).containsExactly(rateLimited(null, "say", 1000));
    assertThat(c.server.isActive()).isTrue();
  }
}
