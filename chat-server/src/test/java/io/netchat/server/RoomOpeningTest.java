package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room the store is still opening: the commands behind the join wait for it, in order; a room the
 * store cannot open is refused, leaves no room and no slot behind, and the next join tries again.
 */
class RoomOpeningTest {
  private final ManualStore store = new ManualStore();
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;

  @BeforeEach
  void start() {
    store.holdOpens();
    server = new EmbeddedServer(ServerConfig.defaults().withStore(TestServers.MEMORY)
        .withLimits(LimitsConfig.defaults().toBuilder().maxRoomsPerSession(1).build()), store);
    ann = server.connect();
    ann.send(new ClientMessage.Hello(null, "ann"));
    ann.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void commandsBehindAJoinWaitForTheRoomToOpenAndKeepTheirOrder() {
    ann.sendAll(new ClientMessage.Join("j", "r", null), new ClientMessage.Say("s", "r", "first"),
        new ClientMessage.Ping("p"));
    assertThat(ann.received()).as("nothing before the room is open").isEmpty();

    store.openNext();
    List<Object> joined = ann.received();
    assertThat(joined).hasSize(2);
    assertThat(joined.get(0)).isInstanceOfSatisfying(ServerMessage.Joined.class,
        answer -> assertThat(answer.room()).isEqualTo("r"));
    assertThat(joined.get(1)).isEqualTo(new ServerMessage.Ok("j"));

    store.commitNext(); // the say, sent once the room was open
    List<Object> rest = ann.received();
    assertThat(rest).hasSize(3);
    assertThat(rest.get(0)).isInstanceOfSatisfying(ServerMessage.Message.class,
        message -> assertThat(message.text()).isEqualTo("first"));
    assertThat(rest.get(1)).isInstanceOfSatisfying(ServerMessage.Ok.class, ok -> {
      assertThat(ok.re()).isEqualTo("s");
      assertThat(ok.seq()).isEqualTo(1L);
    });
    assertThat(rest.get(2)).isEqualTo(new ServerMessage.Pong("p"));
  }

  @Test
  void aRoomTheStoreCannotOpenIsRefusedWithTheCommandsBehindItAndLeavesNothingBehind() {
    ann.sendAll(new ClientMessage.Join("j", "r", null), new ClientMessage.Say("s", "r", "early"),
        new ClientMessage.Who("w", "r"), new ClientMessage.Ping("p"));
    assertThat(ann.received()).isEmpty();

    store.failNextOpen(StoreUnavailableException.Reason.DISK);

    List<Object> answers = ann.received();
    assertThat(answers).hasSize(4);
    assertThat(error(answers.get(0))).isEqualTo(List.of("j", ErrorCode.UNAVAILABLE));
    assertThat(error(answers.get(1))).isEqualTo(List.of("s", ErrorCode.NOT_JOINED));
    assertThat(error(answers.get(2))).isEqualTo(List.of("w", ErrorCode.NO_SUCH_ROOM));
    assertThat(answers.get(3)).isEqualTo(new ServerMessage.Pong("p"));
    assertThat(server.context().rooms().size()).as("no room, and none counted").isZero();

    ann.send(new ClientMessage.Join("j2", "r", null)); // its one room slot is free again
    store.openNext();
    assertThat(ann.received()).first().isInstanceOf(ServerMessage.Joined.class);
    assertThat(server.context().rooms().size()).isOne();
  }

  private static List<Object> error(Object answer) {
    assertThat(answer).isInstanceOf(ServerMessage.Error.class);
    ServerMessage.Error error = (ServerMessage.Error) answer;
    return List.of(error.re(), error.errorCode());
  }
}
