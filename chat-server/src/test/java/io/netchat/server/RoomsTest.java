package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms and the room registry on EmbeddedChannels, with a frozen wall clock and virtual time. */
class RoomsTest {
  private static final Duration RETENTION = Duration.ofMinutes(10);
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;
  private EmbeddedServer.Connection bob;

  @BeforeEach
  void start() {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withEmptyRoomRetention(RETENTION)
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(TestServers.limits(null, null, null, null, 1000, 1000, null, null)));
    ann = server.connect();
    bob = server.connect();
    ann.send(new ClientMessage.Hello(null, "ann"));
    bob.send(new ClientMessage.Hello(null, "bob"));
    ann.received();
    bob.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void aRoomIsCreatedOnFirstJoinAndSaysAreNumberedFromOne() {
    ann.send(new ClientMessage.Join("j", "Lobby", null));
    String epoch = server.context().rooms().get("lobby").epoch();
    assertThat(ann.received()).containsExactly(
        new ServerMessage.Joined("Lobby", "", List.of("ann"), 0, 1, epoch, false), new ServerMessage.Ok("j"));
    bob.send(new ClientMessage.Join(null, "LOBBY", null));
    assertThat(bob.received()).containsExactly(
        new ServerMessage.Joined("Lobby", "", List.of("ann", "bob"), 0, 2, epoch, false));
    assertThat(ann.received()).containsExactly(new ServerMessage.Presence("Lobby", "bob", "join"));

    ann.send(new ClientMessage.Say("s", "lobby", "one"));
    String msgid = server.context().rooms().get("lobby").msgid(1);
    ServerMessage.Message one = new ServerMessage.Message("Lobby", 1, "ann", "one", EmbeddedServer.NOW, msgid, null);
    assertThat(ann.received()).containsExactly(one, new ServerMessage.Ok("s", 1L, msgid, null));
    assertThat(bob.received()).containsExactly(one);
    bob.send(new ClientMessage.Say(null, "lobby", "two"));
    assertThat(ann.received()).extracting(m -> ((ServerMessage.Message) m).seq()).containsExactly(2L);
  }

  @Test
  void anEmptyRoomKeepsItsHistoryForTheRetentionThenGoes() {
    ann.send(new ClientMessage.Join(null, "r", null));
    ann.send(new ClientMessage.Say(null, "r", "remember me"));
    ann.send(new ClientMessage.Leave(null, "r"));
    ann.received();
    assertThat(server.context().rooms().size()).isEqualTo(1);

    ann.server.advanceTimeBy(RETENTION.toMinutes() - 1, TimeUnit.MINUTES);
    ann.server.runPendingTasks();
    bob.send(new ClientMessage.Join(null, "r", null));
    List<Object> rejoined = bob.received();
    assertThat(rejoined.get(0)).isEqualTo(
        new ServerMessage.Joined("r", "", List.of("bob"), 1, 1, server.context().rooms().get("r").epoch(), false));
    assertThat(((ServerMessage.Message) rejoined.get(1)).text()).isEqualTo("remember me");

    bob.send(new ClientMessage.Leave(null, "r"));
    ann.server.advanceTimeBy(RETENTION.toMinutes(), TimeUnit.MINUTES);
    ann.server.runPendingTasks();
    assertThat(server.context().rooms().size()).isZero();
    ann.send(new ClientMessage.Who("w", "r"));
    assertThat(ann.last()).isEqualTo(new ServerMessage.Error("w", ErrorCode.NO_SUCH_ROOM, "no room 'r'"));
  }

  @Test
  void historyAnswersFitInOneFrame() {
    ann.send(new ClientMessage.Join(null, "big", null));
    String text = "é".repeat(3000);
    for (int i = 0; i < 20; i++) {
      ann.send(new ClientMessage.Say(null, "big", text));
    }
    ann.received();
    ann.send(new ClientMessage.History("h", "big", null, 100));
    List<Object> answer = ann.received();
    ServerMessage.History history = (ServerMessage.History) answer.get(0);
    assertThat(history.messages()).isNotEmpty().hasSizeLessThan(20);
    assertThat(history.messages().get(history.messages().size() - 1).seq()).isEqualTo(20);
    assertThat(answer.get(1)).isEqualTo(new ServerMessage.Ok("h"));
  }

  @Test
  void theRoomAnswersNotJoinedAndAnswersKeepTheOrderOfTheCommands() {
    ann.send(new ClientMessage.Join(null, "r", null));
    ann.received();
    // bob's loop is not the room's: the room answers the say, the session answers the rest
    bob.sendAll(new ClientMessage.Say("s", "r", "hi"), new ClientMessage.Ping("p"),
        new ClientMessage.Topic("t", "r", "mine"), new ClientMessage.Dm("d", "ann", "psst"),
        new ClientMessage.Leave("l", "nowhere"), new ClientMessage.Who("w", "r"), new ClientMessage.Rooms("rs"));
    String dmid = ((ServerMessage.Dm) ann.last()).msgid();
    assertThat(bob.received()).containsExactly(
        new ServerMessage.Error("s", ErrorCode.NOT_JOINED, "not in room 'r'"),
        new ServerMessage.Pong("p"),
        new ServerMessage.Error("t", ErrorCode.NOT_JOINED, "not in room 'r'"),
        new ServerMessage.Ok("d", null, dmid, null),
        new ServerMessage.Error("l", ErrorCode.NOT_JOINED, "not in room 'nowhere'"),
        new ServerMessage.Members("r", List.of("ann")), new ServerMessage.Ok("w"),
        new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("r", 1, ""))), new ServerMessage.Ok("rs"));
  }

  @Test
  void aTooLongTextToARoomNotJoinedIsNotJoinedFirst() {
    ann.send(new ClientMessage.Join(null, "r", null));
    bob.send(new ClientMessage.Say("s", "r", "x".repeat(4097)));
    assertThat(bob.last()).isEqualTo(new ServerMessage.Error("s", ErrorCode.NOT_JOINED, "not in room 'r'"));
    bob.send(new ClientMessage.Join(null, "r", null));
    bob.received();
    bob.send(new ClientMessage.Say("s2", "r", "x".repeat(4097)));
    ServerMessage.Error tooLong = (ServerMessage.Error) bob.last();
    assertThat(tooLong.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(tooLong.re()).isEqualTo("s2");
  }

  @Test
  void aSessionThatDropsWhileItsJoinIsUnansweredStillLeavesTheRoom() {
    ann.send(new ClientMessage.Join(null, "r", null));
    ann.received();
    bob.arrive(new ClientMessage.Join(null, "r", null));
    bob.server.close(); // the join is still queued on the room's loop
    server.settle();
    ann.server.runPendingTasks();
    assertThat(ann.received()).containsExactly(
        new ServerMessage.Presence("r", "bob", "join"), new ServerMessage.Presence("r", "bob", "quit"));
    ann.send(new ClientMessage.Who("w", "r"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Members("r", List.of("ann")), new ServerMessage.Ok("w"));
  }

  @Test
  void leavingARoomNotJoinedIsAnError() {
    ann.send(new ClientMessage.Leave("l", "nowhere"));
    assertThat(ann.last()).isEqualTo(new ServerMessage.Error("l", ErrorCode.NOT_JOINED, "not in room 'nowhere'"));
  }
}
