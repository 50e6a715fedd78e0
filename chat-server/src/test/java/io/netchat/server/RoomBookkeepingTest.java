package io.netchat.server;

import static io.netchat.server.Moderated.answer;
import static io.netchat.server.Moderated.join;
import static io.netchat.server.Moderated.login;
import static io.netchat.server.Moderated.only;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.metrics.ChatCounters;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a room tells others besides its answers: the session's own count of rooms after a refused
 * join or a kick, the server's membership and message counters, and that a refusal to look is the
 * only answer; and the {@code more} of a history page when the ring's oldest entry is an event.
 */
class RoomBookkeepingTest {
  private EmbeddedServer server;

  @AfterEach
  void finish() {
    server.finish();
  }

  private EmbeddedServer server(int maxRoomsPerSession, int maxMembersPerRoom) {
    return server(maxRoomsPerSession, maxMembersPerRoom, LimitsConfig.DEFAULT_MAX_ROOMS);
  }

  private EmbeddedServer server(int maxRoomsPerSession, int maxMembersPerRoom, int maxRooms) {
    server = new EmbeddedServer(ServerConfig.defaults().withLimits(LimitsConfig.defaults().toBuilder()
        .maxRoomsPerSession(maxRoomsPerSession).maxMembersPerRoom(maxMembersPerRoom).maxRooms(maxRooms).build()));
    return server;
  }

  @Test
  void aJoinRefusedBecauseTheServerHasAllItsRoomsLeavesTheSlotFree() {
    server(1, 10, 1);
    annIn("only");
    refusedThenInAnother(login(server, "bob", true), "another", ErrorCode.LIMIT_REACHED, "only");
  }

  @Test
  void aJoinRefusedByAFullRoomLeavesTheSessionsOnlyRoomSlotFree() {
    server(1, 1);
    annIn("full");
    refusedThenInAnother(login(server, "bob", true), "full", ErrorCode.LIMIT_REACHED, "other");
  }

  @Test
  void aJoinRefusedByTheRoomsRulesLeavesTheSlotFree() {
    server(1, 10);
    EmbeddedServer.Connection ann = annIn("closed");
    assertThat(answer(ann, new ClientMessage.Mode("m", "closed", true, null, null, null, null, null))).isNull();
    refusedThenInAnother(login(server, "bob", true), "closed", ErrorCode.INVITE_ONLY, "other");
  }

  /** ann, logged in with events, in {@code room} (its creator). */
  private EmbeddedServer.Connection annIn(String room) {
    EmbeddedServer.Connection ann = login(server, "ann", true);
    assertThat(join(ann, room)).isTrue();
    return ann;
  }

  /** {@code c}'s join of {@code refused} is refused with {@code code}; its one slot then takes {@code other}. */
  private static void refusedThenInAnother(EmbeddedServer.Connection c, String refused, ErrorCode code, String other) {
    assertThat(Moderated.join(c, refused, null)).isEqualTo(code);
    assertThat(Moderated.join(c, other, null)).as("the refused room holds no slot").isNull();
  }

  @Test
  void aKickedMemberHasItsSlotBack() {
    server(1, 10);
    EmbeddedServer.Connection ann = annIn("r");
    EmbeddedServer.Connection bob = login(server, "bob", true);
    assertThat(join(bob, "r")).isTrue();
    assertThat(Moderated.join(bob, "other", null)).isEqualTo(ErrorCode.LIMIT_REACHED);

    assertThat(answer(ann, new ClientMessage.Kick("k", "r", "bob", null))).isNull();
    bob.received();
    assertThat(Moderated.join(bob, "other", null)).isNull();
  }

  @Test
  void membershipsAndAcceptedMessagesAreCounted() {
    server(50, 10);
    ChatCounters counters = server.context().counters();
    EmbeddedServer.Connection ann = login(server, "ann", true);
    EmbeddedServer.Connection bob = login(server, "bob", true);
    assertThat(join(ann, "r")).isTrue();
    assertThat(join(bob, "r")).isTrue();
    assertThat(join(bob, "r2")).isTrue();
    assertThat(counters.members()).isEqualTo(3);

    ann.send(new ClientMessage.Say("s", "r", "one", null));
    ann.send(new ClientMessage.Say("t", "r", "two", null));
    ann.received();
    assertThat(counters.messages()).isEqualTo(2);

    bob.send(new ClientMessage.Leave("l", "r"));
    bob.received();
    assertThat(counters.members()).isEqualTo(2);
  }

  @Test
  void aRoomShowingItselfToMembersOnlyAnswersAnOutsiderWithTheRefusalAlone() {
    server(50, 10);
    EmbeddedServer.Connection ann = annIn("r");
    assertThat(answer(ann, new ClientMessage.Mode("m", "r", true, null, null, null, null, null))).isNull();
    EmbeddedServer.Connection bob = login(server, "bob", true);

    bob.send(new ClientMessage.Who("w", "r", null, null));
    assertThat(bob.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class,
        error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
    bob.send(new ClientMessage.History("h", "r", null, null, null));
    assertThat(bob.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class,
        error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void historySaysMoreUntilThePageReachesTheOldestMessageHeldEvenBehindAnEvent() {
    server(50, 10);
    EmbeddedServer.Connection ann = annIn("r");
    ann.send(new ClientMessage.Topic("t", "r", "first the topic"));
    for (int i = 2; i <= 4; i++) {
      ann.send(new ClientMessage.Say(null, "r", "m" + i, null));
    }
    ann.received();

    ServerMessage.History two = history(ann, 2);
    assertThat(two.messages()).extracting(ServerMessage.Message::seq).containsExactly(3L, 4L);
    assertThat(two.more()).isTrue();
    ServerMessage.History three = history(ann, 3);
    assertThat(three.messages()).extracting(ServerMessage.Message::seq).containsExactly(2L, 3L, 4L);
    assertThat(three.more()).as("absent: seq 1 is the topic change, no message is older").isNull();
  }

  private static ServerMessage.History history(EmbeddedServer.Connection c, int limit) {
    c.send(new ClientMessage.History("h", "r", null, limit, null));
    List<Object> received = c.received();
    return only(received, ServerMessage.History.class).get(0);
  }
}
