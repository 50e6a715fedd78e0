package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.room.BanMask;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The command dispatcher's own rules, one command at a time: what may come before {@code hello},
 * a second {@code hello}, {@code hello} during shutdown, {@code quit}, {@code dm} and the
 * per-session room limit, each at the edge that decides it.
 */
class CommandDispatcherTest {
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults()
      .withLimits(TestServers.limits(null, 2, null, null, 1000, 1000, null, null)));

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void beforeHelloOnlyPingPongAndQuitAreServed() {
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Pong("srv-1"));
    c.send(new ClientMessage.Ping("p"));
    c.send(new ClientMessage.Rooms("r", null, null));
    c.send(new ClientMessage.Join("j", "lobby", null, null));
    assertThat(c.received()).containsExactly(new ServerMessage.Pong("p"),
        new ServerMessage.Error("r", ErrorCode.NOT_LOGGED_IN, "send hello first"),
        new ServerMessage.Error("j", ErrorCode.NOT_LOGGED_IN, "send hello first"));
    assertThat(server.context().rooms().size()).as("no room was created").isZero();

    c.send(new ClientMessage.Quit("q", null));
    assertThat(c.received()).containsExactly(new ServerMessage.Ok("q"), new ServerMessage.Bye("quit"));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aQuitWithAReasonSaysItInTheBye() {
    EmbeddedServer.Connection c = server.login("ann");
    c.send(new ClientMessage.Quit(null, "lunch"));
    assertThat(c.received()).containsExactly(new ServerMessage.Bye("lunch"));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aSecondHelloIsRefusedAndTheFirstNickStays() {
    EmbeddedServer.Connection c = server.login("ann");
    c.send(new ClientMessage.Hello("h", "bob"));
    assertThat(c.received()).containsExactly(
        new ServerMessage.Error("h", ErrorCode.ALREADY_LOGGED_IN, "already logged in as ann"));
    EmbeddedServer.Connection bob = server.connect();
    bob.send(new ClientMessage.Hello("h", "bob"));
    assertThat(bob.received()).hasSize(2).last().isEqualTo(new ServerMessage.Ok("h"));
    assertThat(server.context().users().find("ann")).isNotNull();
  }

  @Test
  void helloDuringShutdownIsRefusedAndTakesNoNick() {
    EmbeddedServer.Connection c = server.connect();
    server.context().startShutdown();
    c.send(new ClientMessage.Hello("h", "ann"));
    assertThat(c.received()).containsExactly(
        new ServerMessage.Error("h", ErrorCode.SHUTTING_DOWN, "the server is shutting down"));
    assertThat(server.context().users().find("ann")).isNull();
  }

  @Test
  void aSessionJoinsUpToItsRoomLimitAndRejoiningARoomItIsInDoesNotCount() {
    EmbeddedServer.Connection c = server.login("ann");
    c.send(new ClientMessage.Join(null, "one", null, null));
    c.send(new ClientMessage.Join(null, "two", null, null));
    c.send(new ClientMessage.Join(null, "TWO", null, null));
    c.received();
    c.send(new ClientMessage.Join("j", "three", null, null));
    ServerMessage.Error refused = (ServerMessage.Error) c.last();
    assertThat(refused.re()).isEqualTo("j");
    assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_REACHED.wireName());
    assertThat(refused.message()).isEqualTo("a session may be in at most 2 rooms");
    assertThat(server.context().rooms().get("three")).isNull();
    c.send(new ClientMessage.Leave(null, "one"));
    c.send(new ClientMessage.Join("j2", "three", null, null));
    assertThat(c.last()).isEqualTo(new ServerMessage.Ok("j2"));
  }

  @Test
  void aResumedSessionKeepsItsRoomsCountedAgainstTheLimit() {
    EmbeddedServer.Connection old = server.connect();
    old.send(ContractNegotiationTest.hello11("h", "ann", null));
    String secret = ((ServerMessage.Welcome) old.received().get(0)).session();
    old.send(new ClientMessage.Join(null, "one", null, null));
    old.send(new ClientMessage.Join(null, "two", null, null));
    EmbeddedServer.Connection resumed = server.connect();

    resumed.sendAll(ContractNegotiationTest.hello11("h", "ann", secret), // before the rooms confirm the takeover
        new ClientMessage.Join("j", "three", null, null));

    assertThat(((ServerMessage.Error) resumed.last()).errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(server.context().rooms().get("three")).isNull();
  }

  @Test
  void aHelloFromABannedAddressIsToldTheBansReasonAndSentAway() {
    server.context().bans().add(new ServerBans.Ban(BanMask.parse("addr:203.0.113.7"), "root", "spamming", null,
        EmbeddedServer.NOW), EmbeddedServer.NOW);
    EmbeddedServer.Connection c = server.connect("203.0.113.7");

    c.send(new ClientMessage.Hello("h", "eve"));

    String why = "you are banned from this server: spamming";
    assertThat(c.received()).containsExactly(new ServerMessage.Error("h", ErrorCode.BANNED, why),
        new ServerMessage.Bye(why));
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aDmReachesItsTargetAndItsSenderGetsTheMsgid() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Dm("d", "BOB", "psst", null));
    ServerMessage.Dm dm = (ServerMessage.Dm) bob.last();
    assertThat(dm).isEqualTo(new ServerMessage.Dm("ann", "bob", "psst", EmbeddedServer.NOW, dm.msgid(), null));
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("d", null, dm.msgid(), null));

    ann.send(new ClientMessage.Dm(null, "bob", "no id, no ok", null));
    assertThat(ann.received()).isEmpty();
    assertThat(((ServerMessage.Dm) bob.last()).text()).isEqualTo("no id, no ok");
  }

  @Test
  void aDmToNobodyIsRefusedAndTooLongADmIsNotSent() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Dm("d", "carol", "hi", null));
    assertThat(ann.received()).containsExactly(
        new ServerMessage.Error("d", ErrorCode.NO_SUCH_USER, "no user 'carol'"));

    int max = server.context().config().limits().maxTextLength();
    ann.send(new ClientMessage.Dm("long", "bob", "x".repeat(max + 1), null));
    assertThat(((ServerMessage.Error) ann.last()).code()).isEqualTo(ErrorCode.TOO_LARGE.wireName());
    ann.send(new ClientMessage.Dm("max", "bob", "x".repeat(max), null));
    assertThat(bob.received()).hasSize(1);
  }

  @Test
  void aDmRepeatedWithItsTxnIsAnsweredAsADuplicateAndNotSentAgain() {
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Dm("d1", "bob", "once", "t-1"));
    String msgid = ((ServerMessage.Dm) bob.last()).msgid();
    ann.received();
    ann.send(new ClientMessage.Dm("d2", "bob", "once", "t-1"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("d2", null, msgid, true));
    assertThat(bob.received()).isEmpty();

    ann.send(new ClientMessage.Dm("d3", "bob", "twice", "t-2"));
    assertThat(bob.received()).hasSize(1);
    assertThat(((ServerMessage.Ok) ann.last()).duplicate()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void roomsIsAnsweredWithAPageThenOk() {
    EmbeddedServer.Connection c = server.login("ann");
    c.send(new ClientMessage.Join(null, "b", null, null));
    c.send(new ClientMessage.Join(null, "a", null, null));
    c.received();
    c.send(new ClientMessage.Rooms("r", null, 1));
    assertThat(c.received()).containsExactly(
        new ServerMessage.Rooms(List.of(new ServerMessage.RoomInfo("a", 1, "")), "a"),
        new ServerMessage.Ok("r"));
  }
}
