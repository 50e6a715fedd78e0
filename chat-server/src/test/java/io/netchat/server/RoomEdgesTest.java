package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A room's rules at their edges: the backlog of a join with {@code since} one seq either side of
 * what the ring still holds, a full room, and leaving (answers, presence, and when the room goes).
 */
class RoomEdgesTest {
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults()
      .withEmptyRoomRetention(Duration.ofMinutes(10))
      .withLimits(TestServers.limits(2, null, null, 3, 1000, 1000, null, null)));

  @AfterEach
  void finish() {
    server.finish();
  }

  private String epoch(String room) {
    return server.context().rooms().get(room).epoch();
  }

  private static List<Long> seqs(List<Object> received) {
    return received.stream().filter(ServerMessage.Message.class::isInstance)
        .map(m -> ((ServerMessage.Message) m).seq()).toList();
  }

  /** ann says five messages in {@code r}, whose ring holds the last three (3, 4, 5). */
  private EmbeddedServer.Connection fiveMessages() {
    EmbeddedServer.Connection ann = server.login("ann");
    ann.send(new ClientMessage.Join(null, "r", null, null));
    for (int i = 1; i <= 5; i++) {
      ann.send(new ClientMessage.Say(null, "r", "m" + i, null));
    }
    ann.received();
    return ann;
  }

  @Test
  void sinceBeforeTheRingIsAnsweredWithTheGapThenWhatIsHeld() {
    fiveMessages();
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join("j", "r", 1L, null));
    List<Object> answer = bob.received();
    assertThat(answer.get(0)).isEqualTo(new ServerMessage.Joined("r", "", List.of("ann", "bob"), 5, 2, epoch("r"), false));
    assertThat(answer.get(1)).isEqualTo(new ServerMessage.Gap("r", 2, 2));
    assertThat(seqs(answer)).containsExactly(3L, 4L, 5L);
    assertThat(answer.get(answer.size() - 1)).isEqualTo(new ServerMessage.Ok("j"));
  }

  @Test
  void sinceJustBeforeTheOldestHeldHasNoGap() {
    fiveMessages();
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join(null, "r", 2L, null));
    List<Object> answer = bob.received();
    assertThat(answer).noneMatch(ServerMessage.Gap.class::isInstance);
    assertThat(seqs(answer)).containsExactly(3L, 4L, 5L);
  }

  @Test
  void sinceTheLastSeqReplaysNothingAndANamedEpochIsRecovered() {
    fiveMessages();
    EmbeddedServer.Connection bob = server.connect();
    bob.send(new ClientMessage.Hello(null, "bob", 1, null, null, null));
    bob.received();
    bob.send(new ClientMessage.Join("j", "r", 5L, epoch("r")));
    assertThat(bob.received()).containsExactly(
        new ServerMessage.Joined("r", "", List.of("ann", "bob"), 5, 2, epoch("r"), true, "j", "member", null, null),
        new ServerMessage.Ok("j"));
  }

  @Test
  void sinceInAnotherEpochGetsTheLatestPageNotRecovered() {
    fiveMessages();
    EmbeddedServer.Connection bob = server.connect();
    bob.send(new ClientMessage.Hello(null, "bob", 1, null, null, null));
    bob.received();
    bob.send(new ClientMessage.Join("j", "r", 4L, "another-epoch"));
    List<Object> answer = bob.received();
    assertThat(answer.get(0)).isEqualTo(
        new ServerMessage.Joined("r", "", List.of("ann", "bob"), 5, 2, epoch("r"), false, "j", "member", null, null));
    assertThat(answer).noneMatch(ServerMessage.Gap.class::isInstance);
    assertThat(seqs(answer)).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aFullRoomRefusesANewcomerButNotAMemberJoiningAgain() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    EmbeddedServer.Connection cat = server.login("cat");
    ann.send(new ClientMessage.Join(null, "r", null, null));
    bob.send(new ClientMessage.Join(null, "r", null, null));
    ann.received();
    cat.send(new ClientMessage.Join("j", "r", null, null));
    ServerMessage.Error refused = (ServerMessage.Error) cat.last();
    assertThat(refused.re()).isEqualTo("j");
    assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_REACHED.wireName());
    assertThat(refused.message()).isEqualTo("room 'r' is full (2 members)");
    assertThat(ann.received()).as("no presence for a refused join").isEmpty();

    bob.send(new ClientMessage.Join("again", "r", null, null));
    assertThat(bob.last()).isEqualTo(new ServerMessage.Ok("again"));
    assertThat(ann.received()).as("a member joining again is no newcomer").isEmpty();
    assertThat(server.context().rooms().get("r").memberCount()).isEqualTo(2);
  }

  @Test
  void leavingAnswersLeftAndOkAndTheOthersSeeIt() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Join(null, "r", null, null));
    bob.send(new ClientMessage.Join(null, "r", null, null));
    ann.received();
    bob.received();
    bob.send(new ClientMessage.Leave("l", "R"));
    assertThat(bob.received()).containsExactly(new ServerMessage.Left("r"), new ServerMessage.Ok("l"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Presence("r", "bob", "leave"));
    assertThat(server.context().rooms().get("r").memberCount()).isEqualTo(1);

    bob.send(new ClientMessage.Leave("l2", "r"));
    assertThat(bob.received()).containsExactly(new ServerMessage.Error("l2", ErrorCode.NOT_JOINED, "not in room 'r'"));
    bob.send(new ClientMessage.Say("s", "r", "still here?", null));
    assertThat(bob.received()).containsExactly(new ServerMessage.Error("s", ErrorCode.NOT_JOINED, "not in room 'r'"));
  }

  @Test
  void aClosedConnectionQuitsItsRoomsAndTheOthersSeeQuit() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Join(null, "r", null, null));
    bob.send(new ClientMessage.Join(null, "r", null, null));
    ann.received();
    bob.server.close();
    server.settle();
    assertThat(ann.received()).containsExactly(new ServerMessage.Presence("r", "bob", "quit"));
    assertThat(server.context().rooms().get("r").memberCount()).isEqualTo(1);
  }

  @Test
  void anEmptyRoomThatHoldsNothingGoesAtOnceButOneWithATopicStays() {
    EmbeddedServer.Connection ann = server.login("ann");
    ann.send(new ClientMessage.Join(null, "bare", null, null));
    ann.send(new ClientMessage.Leave(null, "bare"));
    ann.received();
    assertThat(server.context().rooms().get("bare")).isNull();
    assertThat(server.context().rooms().size()).isZero();

    ann.send(new ClientMessage.Join(null, "topical", null, null));
    ann.send(new ClientMessage.Topic(null, "topical", "kept"));
    ann.send(new ClientMessage.Leave(null, "topical"));
    ann.received();
    assertThat(server.context().rooms().get("topical")).isNotNull();
    assertThat(server.context().rooms().size()).isEqualTo(1);
  }
}
