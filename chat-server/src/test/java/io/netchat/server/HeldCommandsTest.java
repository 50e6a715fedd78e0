package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.TranslatedCommand;
import io.netchat.server.config.ServerConfig;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What arrives while a {@code hello} waits for the store (whether the nick is an account) is held,
 * and run in arrival order once it is answered; past {@link SessionHandler#MAX_HELD} a command is
 * refused at once, and a frame that does not decode is answered as such. A translated command (what
 * the IRC listener sends up) is held alike; one that fails while the held ones run closes the session.
 */
class HeldCommandsTest {
  private final HeldStores stores = new HeldStores();
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults()
      .withLimits(TestServers.limits(null, null, null, null, 1000, 1000, null, null)),
      Clock.fixed(EmbeddedServer.NOW, ZoneOffset.UTC), null, stores);
  private EmbeddedServer.Connection c;

  @BeforeEach
  void helloWaitsForTheStore() {
    stores.accountReads.hold();
    c = server.connect();
    c.send(ContractNegotiationTest.hello11("h", "ann", null));
    assertThat(c.received()).isEmpty();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  /** Sends pings {@code p1} … {@code p<count>}. */
  private void pings(int count) {
    for (int i = 1; i <= count; i++) {
      c.send(new ClientMessage.Ping("p" + i));
    }
  }

  private static List<Object> pongs(int count) {
    List<Object> pongs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      pongs.add(new ServerMessage.Pong("p" + i));
    }
    return pongs;
  }

  @Test
  void pastTheLimitACommandIsRefusedAtOnceAndTheHeldOnesRunInOrderAfterTheHello() {
    pings(SessionHandler.MAX_HELD);
    assertThat(c.received()).isEmpty();

    c.send(new ClientMessage.Ping("one more"));

    assertThat(c.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, refused -> {
      assertThat(refused.re()).isEqualTo("one more");
      assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(refused.command()).isEqualTo("ping");
      assertThat(refused.temporary()).isTrue();
    });
    stores.accountReads.letNext();
    List<Object> answers = c.received();
    assertThat(answers.get(0)).isInstanceOf(ServerMessage.Welcome.class);
    assertThat(answers.subList(1, answers.size())).containsExactlyElementsOf(
        concat(List.of(new ServerMessage.Ok("h")), pongs(SessionHandler.MAX_HELD)));
  }

  @Test
  void pastTheLimitAFrameThatDoesNotDecodeIsAnsweredAsSuch() {
    pings(SessionHandler.MAX_HELD);

    byte[] bad = "{\"type\":\"nick\",\"id\":\"n\",\"nick\":\"-bad\"}".getBytes(StandardCharsets.UTF_8);
    c.sendRaw(Unpooled.buffer().writeInt(bad.length).writeBytes(bad));

    assertThat(c.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, refused -> {
      assertThat(refused.re()).isEqualTo("n");
      assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_NAME);
    });
    assertThat(c.server.isActive()).isTrue();
  }

  @Test
  void pastTheLimitATranslatedCommandIsRefusedWithoutIdOrCommand() {
    pings(SessionHandler.MAX_HELD);

    c.server.writeInbound((TranslatedCommand) sink -> sink.answer(new ServerMessage.Pong("never")));

    assertThat(c.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, refused -> {
      assertThat(refused.re()).isNull();
      assertThat(refused.command()).isNull();
      assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    });
  }

  @Test
  void aHeldTranslatedCommandRunsInOrderAndOneThatFailsClosesTheSession() {
    c.server.writeInbound((TranslatedCommand) sink -> {
      sink.answer(new ServerMessage.Pong("translated"));
      sink.dispatch(new ClientMessage.Ping("dispatched"));
    });
    c.server.writeInbound((TranslatedCommand) sink -> {
      throw new IllegalStateException("test: a translation bug");
    });
    c.send(new ClientMessage.Ping("after"));
    assertThat(c.received()).isEmpty();

    stores.accountReads.letNext();

    List<Object> answers = c.received();
    assertThat(answers.subList(1, answers.size())).containsExactly(new ServerMessage.Ok("h"),
        new ServerMessage.Pong("translated"), new ServerMessage.Pong("dispatched"),
        ServerMessage.Bye.of(io.netchat.codec.ByeCode.INTERNAL_ERROR));
    assertThat(c.server.isActive()).isFalse();
  }

  private static List<Object> concat(List<Object> first, List<Object> second) {
    List<Object> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
