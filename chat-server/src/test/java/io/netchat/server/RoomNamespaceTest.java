package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hardening finding 5: 200 connections × 50 joins filled {@code max_rooms}, and for the 10 minutes
 * of empty-room retention every legitimate join got {@code limit_reached}, silently. Scaled down:
 * creation is rate limited per address, empty rooms holding nothing go at once, limit hits are
 * logged once per window.
 */
class RoomNamespaceTest {
  private static final String ATTACKER = "10.0.0.66";
  private static final int BURST = 20;
  private final Logger logger = (Logger) LoggerFactory.getLogger(SessionHandler.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private EmbeddedServer server;

  @BeforeEach
  void start() {
    lines.start();
    logger.addAppender(lines);
    server = new EmbeddedServer(ServerConfig.defaults()
        .withEmptyRoomRetention(Duration.ofMinutes(10))
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(LimitsConfig.builder().maxRooms(40).roomCreationsPerMinute(60).roomCreationBurst(BURST)
            .messagesPerSecond(1000).burst(1000).build()));
  }

  @AfterEach
  void finish() {
    logger.detachAppender(lines);
    server.finish();
  }

  private EmbeddedServer.Connection login(String host, String nick) {
    EmbeddedServer.Connection connection = server.connect(host);
    connection.send(new ClientMessage.Hello(null, nick));
    connection.received();
    return connection;
  }

  @Test
  void anAttackFromOneAddressCannotExhaustTheRoomsAndEmptyRoomsGoAtOnce() {
    List<EmbeddedServer.Connection> attackers = new ArrayList<>();
    int created = 0;
    int refused = 0;
    for (int c = 0; c < 10; c++) {
      EmbeddedServer.Connection attacker = login(ATTACKER, "bot" + c);
      attackers.add(attacker);
      for (int j = 0; j < 10; j++) {
        attacker.send(new ClientMessage.Join("j", "spam-" + c + "-" + j, null));
        ServerMessage answer = (ServerMessage) attacker.received().get(0);
        if (answer instanceof ServerMessage.Error error) {
          assertThat(error.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
          assertThat(error.message()).contains("room creation rate limit of 60 per minute (burst 20)");
          refused++;
        } else {
          assertThat(answer).isInstanceOf(ServerMessage.Joined.class);
          created++;
        }
      }
    }
    assertThat(created).isEqualTo(BURST);
    assertThat(refused).isEqualTo(100 - BURST);
    assertThat(rateLines()).as("one line per cause and window").hasSize(1);

    EmbeddedServer.Connection alice = login("10.0.0.7", "alice");
    alice.send(new ClientMessage.Join("a", "lobby", null));
    assertThat(alice.received()).startsWith(
        new ServerMessage.Joined("lobby", "", List.of("alice"), 0, 1, server.context().rooms().get("lobby").epoch(), false));

    for (EmbeddedServer.Connection attacker : attackers) {
      attacker.server.close(); // a dropped connection is a quit from every room
    }
    server.settle();
    assertThat(server.context().rooms().size()).as("empty rooms with no history or topic go at once").isEqualTo(1);
    alice.send(new ClientMessage.Rooms("r"));
    assertThat(alice.received()).containsExactly(
        new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("lobby", 1, ""))), new ServerMessage.Ok("r"));

    server.creationNanos.addAndGet(TimeUnit.SECONDS.toNanos(1)); // one more creation a second
    EmbeddedServer.Connection again = login(ATTACKER, "bot-again");
    again.send(new ClientMessage.Join(null, "spam-again", null));
    assertThat(again.received().get(0)).isInstanceOf(ServerMessage.Joined.class);
  }

  @Test
  void reachingMaxRoomsIsRefusedNamingTheLimitAndLogged() {
    for (int i = 0; i < 3; i++) {
      EmbeddedServer.Connection filler = login("10.0.1." + i, "fill" + i);
      for (int j = 0; j < 15; j++) {
        filler.send(new ClientMessage.Join(null, "f" + i + "-" + j, null));
      }
      filler.received();
    }
    assertThat(server.context().rooms().size()).isEqualTo(40);
    EmbeddedServer.Connection late = login("10.0.2.1", "late");
    late.send(new ClientMessage.Join("j", "one-more", null));
    ServerMessage.Error error = (ServerMessage.Error) late.received().get(0);
    assertThat(error.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(error.message()).contains("limits.max_rooms");
    late.send(new ClientMessage.Join("j2", "one-more-again", null));
    late.received();
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(line -> line.contains("limits.max_rooms")).hasSize(1);
  }

  private List<String> rateLines() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.contains("room creation rate limit")).toList();
  }
}
