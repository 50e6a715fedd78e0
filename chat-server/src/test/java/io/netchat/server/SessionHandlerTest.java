package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session handler on EmbeddedChannels, with virtual time for the heartbeat and deadlines. */
class SessionHandlerTest {
  private EmbeddedServer server;

  @AfterEach
  void finish() {
    server.finish();
  }

  private EmbeddedServer.Connection connect(ServerConfig config) {
    server = new EmbeddedServer(config);
    return server.connect();
  }

  private static ServerConfig withTimeouts(Duration hello, Duration idle, Duration pong) {
    return ServerConfig.defaults().withTimeouts(TestServers.timeouts(hello, idle, pong));
  }

  @Test
  void anIdleClientIsPingedAndDroppedWhenItDoesNotAnswer() {
    EmbeddedServer.Connection c = connect(withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10)));
    c.send(new ClientMessage.Hello(null, "ann"));
    assertThat(c.received()).containsExactly(welcome("ann"));

    c.server.advanceTimeBy(59, TimeUnit.SECONDS);
    assertThat(c.received()).isEmpty();
    c.server.advanceTimeBy(1, TimeUnit.SECONDS);
    assertThat(c.received()).containsExactly(new ServerMessage.Ping("srv-1"));
    c.server.advanceTimeBy(10, TimeUnit.SECONDS);
    assertThat(c.received()).containsExactly(new ServerMessage.Bye("ping_timeout"));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aPongKeepsTheConnectionOpen() {
    EmbeddedServer.Connection c = connect(withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10)));
    c.send(new ClientMessage.Hello(null, "ann"));
    c.received();
    c.server.advanceTimeBy(60, TimeUnit.SECONDS);
    assertThat(c.received()).containsExactly(new ServerMessage.Ping("srv-1"));
    c.send(new ClientMessage.Pong("srv-1"));
    c.server.advanceTimeBy(10, TimeUnit.SECONDS);
    assertThat(c.received()).isEmpty();
    assertThat(c.server.isActive()).isTrue();
  }

  @Test
  void aConnectionWithoutHelloIsClosedAtTheDeadline() {
    EmbeddedServer.Connection c = connect(withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10)));
    c.send(new ClientMessage.Ping("p"));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("p"));
    c.server.advanceTimeBy(5, TimeUnit.SECONDS);
    assertThat(c.received()).containsExactly(new ServerMessage.Bye("hello_timeout"));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aBadFrameIsAnsweredAndTheNextOneStillWorks() {
    EmbeddedServer.Connection c = connect(ServerConfig.defaults());
    byte[] payload = "{\"type\":\"hello\",\"id\":\"h\",\"nick\":\"-bad\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    c.sendRaw(Unpooled.buffer().writeInt(payload.length).writeBytes(payload));
    ServerMessage.Error error = (ServerMessage.Error) c.last();
    assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_NAME);
    assertThat(error.re()).isEqualTo("h");
    c.send(new ClientMessage.Hello(null, "good"));
    assertThat(c.received()).containsExactly(welcome("good"));
    assertThat(c.server.isActive()).isTrue();
  }

  @Test
  void anOversizeFrameIsAnsweredThenClosed() {
    EmbeddedServer.Connection c = connect(ServerConfig.defaults());
    c.send(new ClientMessage.Hello(null, "big")); // before hello the limit is lower (PartialFramesTest)
    c.received();
    c.sendRaw(Unpooled.buffer().writeInt(64 * 1024 + 1));
    assertThat(c.received()).containsExactly(
        new ServerMessage.Error(null, ErrorCode.TOO_LARGE, "frame of 65537 bytes exceeds the limit of 65536"),
        new ServerMessage.Bye("too_large"));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void theTokenBucketRefillsWithTime() {
    EmbeddedServer.Connection c = connect(ServerConfig.defaults()
        .withLimits(TestServers.limits(null, null, null, null, 2, 2, 100, null)));
    c.send(new ClientMessage.Ping("1"));
    c.send(new ClientMessage.Ping("2"));
    c.send(new ClientMessage.Ping("3"));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("1"), new ServerMessage.Pong("2"),
        new ServerMessage.Error("3", ErrorCode.RATE_LIMITED, "more than 2 commands per second; this one was dropped"));
    c.server.advanceTimeBy(500, TimeUnit.MILLISECONDS);
    c.send(new ClientMessage.Ping("4"));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("4"));
  }

  @Test
  void aSecondConnectionCannotTakeALoggedInNick() {
    EmbeddedServer.Connection ann = connect(ServerConfig.defaults());
    EmbeddedServer.Connection other = server.connect();
    ann.send(new ClientMessage.Hello(null, "Ann"));
    other.send(new ClientMessage.Hello("h", "aNN"));
    assertThat(other.last()).isEqualTo(new ServerMessage.Error("h", ErrorCode.NICK_TAKEN, "nick 'aNN' is in use"));
    ann.server.close();
    other.send(new ClientMessage.Hello("h2", "aNN"));
    assertThat(other.received()).containsExactly(welcome("aNN"), new ServerMessage.Ok("h2"));
  }

  @Test
  void anIoFailureClosesTheConnectionQuietlyAndAnyOtherSaysInternalError() {
    EmbeddedServer.Connection reset = connect(ServerConfig.defaults());
    EmbeddedServer.Connection bug = server.connect();

    reset.server.pipeline().fireExceptionCaught(new java.io.IOException("test: connection reset"));
    bug.server.pipeline().fireExceptionCaught(new IllegalStateException("test: a bug"));

    assertThat(reset.received()).isEmpty();
    assertThat(reset.server.isActive()).isFalse();
    assertThat(bug.received()).containsExactly(new ServerMessage.Bye("internal_error"));
    assertThat(bug.server.isActive()).isFalse();
  }

  @Test
  void aConnectionRefusedForItsAddressIsLoggedAndAClosedOneGivesItsSlotBack() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        SessionHandler.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      connect(ServerConfig.defaults().withLimits(TestServers.limits(null, null, 1, null, null, null, null, null)));
      EmbeddedServer.Connection first = server.connect("203.0.113.9");
      EmbeddedServer.Connection refused = server.connect("203.0.113.9");
      assertThat(refused.received()).containsExactly(new ServerMessage.Error(null, ErrorCode.LIMIT_REACHED,
          "too many connections from 203.0.113.9 (limit 1)"), new ServerMessage.Bye("limit_reached"));
      assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .anyMatch(line -> line.startsWith("refused connection from /203.0.113.9:")
              && line.endsWith(": too many connections from 203.0.113.9 (limit 1)"));

      first.server.close();
      EmbeddedServer.Connection again = server.connect("203.0.113.9");
      again.send(new ClientMessage.Hello("h", "ann"));
      assertThat(again.received()).containsExactly(welcome("ann"), new ServerMessage.Ok("h"));
    } finally {
      logger.detachAppender(lines);
    }
  }

  private ServerMessage.Welcome welcome(String nick) {
    return new ServerMessage.Welcome(nick, "netchat", server.context().announcedLimits(false));
  }
}
