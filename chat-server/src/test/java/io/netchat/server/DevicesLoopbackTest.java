package io.netchat.server;

import static io.netchat.server.AccountsLoopbackTest.PASSWORD;
import static io.netchat.server.AccountsLoopbackTest.config;
import static io.netchat.server.AccountsLoopbackTest.error;
import static io.netchat.server.AccountsLoopbackTest.hello;
import static io.netchat.server.AccountsLoopbackTest.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * Several devices of one account over real sockets (docs/PROTOCOL.md §18): one presence per
 * account in a room, a dm to every session of its recipient and to the sender's other sessions,
 * rooms per session, and {@code max_sessions_per_account}.
 */
class DevicesLoopbackTest {
  @RegisterExtension
  final LoopbackServer running = new LoopbackServer();
  private InetSocketAddress address;

  /** Another session of the account {@code nick}, logged in with its password. */
  static WireClient device(InetSocketAddress address, String nick) throws Exception {
    WireClient client = WireClient.connect(address);
    client.send(hello("h", nick, PASSWORD));
    client.expect(ServerMessage.Welcome.class);
    assertThat(client.next()).isEqualTo(new ServerMessage.Ok("h"));
    return client;
  }

  /** A 1.1 guest logged in as {@code nick}. */
  static WireClient guest(InetSocketAddress address, String nick) throws Exception {
    WireClient client = WireClient.connect(address);
    ContractNegotiationTest.login11(client, nick);
    return client;
  }

  /**
   * What {@code client} is sent before the answer to a ping sent now: everything the server sent
   * it before (a session's frames keep their order), so what is not there was not sent.
   */
  static List<ServerMessage> untilPong(WireClient client, String id) throws IOException {
    client.send(new ClientMessage.Ping(id));
    List<ServerMessage> before = new ArrayList<>();
    for (ServerMessage message = client.next(); !(message instanceof ServerMessage.Pong pong && id.equals(pong.id()));
        message = client.next()) {
      before.add(message);
    }
    return before;
  }

  /**
   * What {@code client} is sent before the answer to a {@code who} of {@code room} sent now. The
   * {@code who} is answered from the room's loop, after whatever the room broadcast before it, so
   * unlike a ping (answered by the client's own loop, which may read it before running a broadcast
   * handed to it) it proves that a presence the room did not send by then was not sent.
   */
  static List<ServerMessage> untilWho(WireClient client, String room) throws IOException {
    String id = "who-" + room + "-" + client.seen().size();
    client.send(new ClientMessage.Who(id, room));
    List<ServerMessage> before = new ArrayList<>();
    for (ServerMessage message = client.next(); !(message instanceof ServerMessage.Ok ok && id.equals(ok.re()));
        message = client.next()) {
      before.add(message);
    }
    return before;
  }

  private static void join(WireClient client, String room) throws IOException {
    client.send(new ClientMessage.Join("j-" + room, room, null));
    client.expect(ServerMessage.Ok.class, ok -> ("j-" + room).equals(ok.re()));
  }

  private static List<ServerMessage.Presence> presences(List<ServerMessage> messages) {
    return messages.stream().filter(ServerMessage.Presence.class::isInstance).map(ServerMessage.Presence.class::cast)
        .toList();
  }

  @Test
  void twoDevicesOfOneAccountAreOneMemberOfARoomAndBothGetItsDms() throws Exception {
    address = running.start(config(AuthConfig.defaults()));
    try (WireClient phone = registered(address, "alice"); WireClient laptop = device(address, "alice");
        WireClient bob = guest(address, "bob")) {
      join(bob, "lobby");
      join(phone, "lobby");
      join(laptop, "lobby");
      assertThat(presences(untilWho(bob, "lobby"))).as("the room sees alice arrive once")
          .containsExactly(new ServerMessage.Presence("lobby", "alice", "join").of("alice"));

      bob.send(new ClientMessage.Who("w", "lobby"));
      assertThat(bob.expect(ServerMessage.Members.class).nicks()).containsExactly("alice", "bob");

      bob.send(new ClientMessage.Dm("d", "alice", "hi, both of you"));
      ServerMessage.Ok ok = bob.expect(ServerMessage.Ok.class, o -> "d".equals(o.re()));
      assertThat(ok.delivery()).isEqualTo("delivered");
      assertThat(phone.expect(ServerMessage.Dm.class).text()).isEqualTo("hi, both of you");
      assertThat(laptop.expect(ServerMessage.Dm.class).text()).isEqualTo("hi, both of you");

      laptop.send(new ClientMessage.Leave("l", "lobby"));
      laptop.expect(ServerMessage.Left.class);
      bob.send(new ClientMessage.Say("s", "lobby", "still here?"));
      assertThat(phone.expect(ServerMessage.Message.class).text()).isEqualTo("still here?");
      assertThat(presences(untilWho(bob, "lobby"))).as("alice is still in, on her phone").isEmpty();
      assertThat(untilWho(laptop, "lobby")).as("the laptop left: the room no longer reaches it")
          .noneMatch(ServerMessage.Message.class::isInstance);

      phone.send(new ClientMessage.Quit("q", null));
      assertThat(phone.closedByServer()).isTrue();
      bob.expect(ServerMessage.Presence.class, p -> "quit".equals(p.event()) && "alice".equals(p.nick()));
    }
  }

  @Test
  void theSendersOtherDevicesSeeItsDmAndTheSenderSeesItOnlyAsItsOk() throws Exception {
    address = running.start(config(AuthConfig.defaults()));
    try (WireClient phone = registered(address, "carol"); WireClient laptop = device(address, "carol");
        WireClient dave = guest(address, "dave")) {
      phone.send(new ClientMessage.Dm("d", "dave", "lunch?"));
      assertThat(phone.expect(ServerMessage.Ok.class).delivery()).isEqualTo("delivered");
      ServerMessage.Dm received = dave.expect(ServerMessage.Dm.class);
      ServerMessage.Dm copy = laptop.expect(ServerMessage.Dm.class);
      assertThat(copy).isEqualTo(received);
      assertThat(copy.from()).isEqualTo("carol");
      assertThat(copy.to()).isEqualTo("dave");
      assertThat(untilPong(phone, "p")).as("the sender has its ok").noneMatch(ServerMessage.Dm.class::isInstance);
    }
  }

  @Test
  void aSessionThatJoinedNothingGetsTheAccountsDmsButNotTheRoomsOfItsOtherDevice() throws Exception {
    address = running.start(config(AuthConfig.defaults()));
    try (WireClient phone = registered(address, "erin"); WireClient watch = device(address, "erin");
        WireClient fred = guest(address, "fred")) {
      join(fred, "garden");
      join(phone, "garden");
      fred.send(new ClientMessage.Say("s", "garden", "roses"));
      assertThat(phone.expect(ServerMessage.Message.class).text()).isEqualTo("roses");
      fred.send(new ClientMessage.Dm("d", "erin", "psst"));
      assertThat(watch.expect(ServerMessage.Dm.class).text()).isEqualTo("psst");
      untilWho(watch, "garden"); // answered from the room's loop, after the say's broadcast
      assertThat(watch.seen()).as("rooms are per session").noneMatch(m -> m instanceof ServerMessage.Message
          || m instanceof ServerMessage.Joined || m instanceof ServerMessage.Presence);
    }
  }

  @Test
  void aLoginBeyondMaxSessionsPerAccountIsRefusedAndTheOthersStay() throws Exception {
    ServerConfig config = config(AuthConfig.defaults());
    address = running.start(config.withLimits(config.limits().toBuilder().maxSessionsPerAccount(2).build()));
    try (WireClient one = registered(address, "gus"); WireClient two = device(address, "gus");
        WireClient three = WireClient.connect(address)) {
      three.send(hello("3", "gus", PASSWORD));
      ServerMessage.Error refused = error(three, "3");
      assertThat(refused.code()).isEqualTo("limit_reached");
      assertThat(refused.limit()).isEqualTo("max_sessions_per_account");
      assertThat(three.closedByServer()).as("the connection stays open for another try").isFalse();
      assertThat(running.server().context().users().sessions("gus")).hasSize(2);

      two.send(new ClientMessage.Quit("q", null));
      assertThat(two.closedByServer()).isTrue();
      org.awaitility.Awaitility.await().until(() -> running.server().context().users().sessions("gus").size() == 1);
      three.send(hello("4", "gus", PASSWORD));
      three.expect(ServerMessage.Welcome.class);
      assertThat(untilPong(one, "p")).as("the first device stays").noneMatch(ServerMessage.Bye.class::isInstance);
    }
  }

  @Test
  void aDeviceRenamedAwayAndBackRejoinsItsAccountAndADeviceFindsRoomInAFullRoom() throws Exception {
    ServerConfig config = config(AuthConfig.defaults());
    address = running.start(config.withLimits(config.limits().toBuilder().maxMembersPerRoom(2).build()));
    try (WireClient phone = registered(address, "hal"); WireClient laptop = device(address, "hal");
        WireClient ida = guest(address, "ida")) {
      join(ida, "den");
      join(phone, "den");
      join(laptop, "den");
      assertThat(presences(untilWho(ida, "den"))).containsExactly(new ServerMessage.Presence("den", "hal", "join").of("hal"));

      laptop.send(new ClientMessage.Nick("n1", "hal-laptop"));
      laptop.expect(ServerMessage.Ok.class, ok -> "n1".equals(ok.re()));
      assertThat(presences(untilWho(ida, "den"))).as("the phone is still hal: the laptop is someone new")
          .containsExactly(new ServerMessage.Presence("den", "hal-laptop", "join").of("hal"));
      laptop.send(new ClientMessage.Nick("n2", "hal"));
      laptop.expect(ServerMessage.Ok.class, ok -> "n2".equals(ok.re()));
      assertThat(presences(untilWho(ida, "den"))).containsExactly(new ServerMessage.Presence("den", "hal-laptop", "quit").of("hal"));
      assertThat(running.server().context().users().sessions("hal")).hasSize(2);
    }
  }

  /** Issue 12: a device that renamed itself away from the account's nick still counts against the bound. */
  @Test
  void aDeviceRenamedAwayStillCountsAgainstMaxSessionsPerAccount() throws Exception {
    ServerConfig config = config(AuthConfig.defaults());
    address = running.start(config.withLimits(config.limits().toBuilder().maxSessionsPerAccount(2).build()));
    try (WireClient one = registered(address, "jo"); WireClient two = device(address, "jo");
        WireClient three = WireClient.connect(address)) {
      two.send(new ClientMessage.Nick("n", "jo-away"));
      two.expect(ServerMessage.Ok.class, ok -> "n".equals(ok.re()));
      assertThat(running.server().context().users().sessions("jo")).hasSize(1);

      three.send(hello("3", "jo", PASSWORD));
      ServerMessage.Error refused = error(three, "3");
      assertThat(refused.code()).isEqualTo("limit_reached");
      assertThat(refused.limit()).isEqualTo("max_sessions_per_account");
      assertThat(running.server().context().users().accountSessions("jo")).hasSize(2);

      two.send(new ClientMessage.Quit("q", null));
      assertThat(two.closedByServer()).isTrue();
      org.awaitility.Awaitility.await()
          .until(() -> running.server().context().users().accountSessions("jo").size() == 1);
      three.send(hello("4", "jo", PASSWORD));
      three.expect(ServerMessage.Welcome.class);
      assertThat(running.server().context().users().accountSessions("jo")).hasSize(2);
    }
  }

  /**
   * §18.1: whois of a nick several sessions of an account hold answers for all of them: how many,
   * the rooms of any, the earliest login, and away only when every one is away.
   */
  @Test
  void whoisOfAnAccountsNickAnswersForAllItsSessions() throws Exception {
    address = running.start(config(AuthConfig.defaults()));
    try (WireClient phone = registered(address, "kim"); WireClient laptop = device(address, "kim");
        WireClient lee = guest(address, "lee")) {
      join(phone, "garden");
      join(laptop, "kitchen");
      phone.send(new ClientMessage.Away("a1", "on the train"));
      phone.expect(ServerMessage.Ok.class, ok -> "a1".equals(ok.re()));

      lee.send(new ClientMessage.Whois("w1", "kim"));
      ServerMessage.Whois both = lee.expect(ServerMessage.Whois.class);
      assertThat(both.sessions()).isEqualTo(2);
      assertThat(both.account()).isEqualTo("kim");
      assertThat(both.rooms()).containsExactly("garden", "kitchen");
      assertThat(both.away()).as("the laptop is not away").isNull();

      laptop.send(new ClientMessage.Away("a2", "asleep"));
      laptop.expect(ServerMessage.Ok.class, ok -> "a2".equals(ok.re()));
      lee.send(new ClientMessage.Whois("w2", "kim"));
      ServerMessage.Whois away = lee.expect(ServerMessage.Whois.class);
      assertThat(away.away()).as("every session is away: the first login's text").isEqualTo("on the train");
      assertThat(away.since()).isEqualTo(both.since());

      lee.send(new ClientMessage.Whois("w3", "lee"));
      assertThat(lee.expect(ServerMessage.Whois.class).sessions()).as("a guest is one session").isNull();
    }
  }
}
