package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract 1.1, §14 over loopback: a nick change is one event to a session with the {@code nick}
 * capability and {@code presence{quit}} + {@code presence{join}} to a v1 session; away and back go
 * only to sessions with {@code away}; actions and quit reasons are new fields for everyone;
 * {@code whois} answers a page of rooms, the away text and the login time.
 */
class NickAwayActionTest {
  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = ChatServer.start(TestServers.jsonOnLoopback());
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Logs in with contract 1.1 asking for {@code caps}, consuming welcome and ok. */
  private WireClient login11(String nick, String... caps) throws Exception {
    WireClient client = WireClient.connect(address);
    client.send(new ClientMessage.Hello("h", nick, 1, "test/1.0", List.of(caps), null));
    ServerMessage.Welcome welcome = client.expect(ServerMessage.Welcome.class);
    assertThat(welcome.caps()).containsExactlyInAnyOrder(caps);
    assertThat(client.next()).isEqualTo(new ServerMessage.Ok("h"));
    return client;
  }

  /** Joins {@code room}, consuming the answer up to its ok. */
  private static void join(WireClient client, String room) throws Exception {
    client.send(new ClientMessage.Join("j", room, null));
    client.expect(ServerMessage.Ok.class, ok -> ok.re().equals("j"));
  }

  /** Says {@code text} in {@code room} and waits for the sender's ok. */
  private static void say(WireClient client, String room, String text) throws Exception {
    client.send(new ClientMessage.Say("s", room, text));
    client.expect(ServerMessage.Ok.class, ok -> ok.re().equals("s"));
  }

  @Test
  void aNickChangeIsOneEventForASessionWithTheCapAndQuitPlusJoinForAV1Session() throws Exception {
    try (WireClient ann = login11("ann", "nick", "away");
        WireClient bob = WireClient.login(address, "bob");
        WireClient carol = login11("carol", "nick")) {
      for (WireClient client : List.of(ann, bob, carol)) {
        join(client, "lobby");
      }
      join(ann, "quiz");
      join(carol, "quiz");
      ann.expect(ServerMessage.Presence.class, p -> p.nick().equals("carol") && p.room().equals("quiz"));
      bob.expect(ServerMessage.Presence.class, p -> p.nick().equals("carol"));

      carol.send(new ClientMessage.Nick("n", "Carla"));
      assertThat(carol.next()).isEqualTo(new ServerMessage.Ok("n"));
      say(carol, "lobby", "it is me");

      List<ServerMessage> seenByAnn = List.of(ann.next(), ann.next(), ann.next());
      assertThat(seenByAnn).as("one event per shared room, and the message after it")
          .filteredOn(ServerMessage.Presence.class::isInstance).containsExactlyInAnyOrder(
              ServerMessage.Presence.nickChange("lobby", "carol", "Carla"),
              ServerMessage.Presence.nickChange("quiz", "carol", "Carla"));
      assertThat(seenByAnn).filteredOn(ServerMessage.Message.class::isInstance).singleElement()
          .satisfies(m -> assertThat(((ServerMessage.Message) m).from()).isEqualTo("Carla"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Presence("lobby", "carol", ServerMessage.Presence.QUIT));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Presence("lobby", "Carla", ServerMessage.Presence.JOIN));
      assertThat(bob.next()).isInstanceOfSatisfying(ServerMessage.Message.class,
          m -> assertThat(m.from()).isEqualTo("Carla"));

      bob.send(new ClientMessage.Who("w", "lobby"));
      assertThat(bob.expect(ServerMessage.Members.class).nicks()).containsExactly("ann", "bob", "Carla");
      assertThat(server.context().users().find("carla")).isNotNull();
      assertThat(server.context().users().find("carol")).as("the old nick is free").isNull();
      try (WireClient another = WireClient.login(address, "carol")) {
        another.send(new ClientMessage.Dm("d", "carla", "hello Carla"));
        assertThat(another.next()).isInstanceOf(ServerMessage.Ok.class);
        assertThat(carol.expect(ServerMessage.Dm.class).from()).isEqualTo("carol");
      }
    }
  }

  @Test
  void aTakenNickIsRefusedAndAnInvalidOneTooAndACaseChangeIsAllowed() throws Exception {
    try (WireClient ann = login11("ann", "nick");
        WireClient bob = login11("bob", "nick")) {
      join(ann, "lobby");
      join(bob, "lobby");
      ann.expect(ServerMessage.Presence.class, p -> p.nick().equals("bob"));
      bob.send(new ClientMessage.Nick("n1", "ANN"));
      ServerMessage.Error taken = bob.expect(ServerMessage.Error.class);
      assertThat(taken.errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
      assertThat(taken.command()).isEqualTo("nick");
      bob.sendJson("{\"type\":\"nick\",\"id\":\"n2\",\"nick\":\"9 lives\"}");
      assertThat(bob.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.INVALID_NAME);
      bob.send(new ClientMessage.Nick("n3", "Bob"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("n3"));
      assertThat(ann.next()).isEqualTo(ServerMessage.Presence.nickChange("lobby", "bob", "Bob"));
      bob.send(new ClientMessage.Nick("n4", "Bob"));
      assertThat(bob.next()).as("the same nick: nothing to change").isEqualTo(new ServerMessage.Ok("n4"));
      say(bob, "lobby", "same me");
      assertThat(ann.next()).isInstanceOfSatisfying(ServerMessage.Message.class,
          m -> assertThat(m.from()).isEqualTo("Bob"));
    }
  }

  @Test
  void awayAndBackReachOnlySessionsWithTheAwayCap() throws Exception {
    try (WireClient ann = login11("ann", "away");
        WireClient bob = WireClient.login(address, "bob");
        WireClient carol = login11("carol")) {
      for (WireClient client : List.of(ann, bob, carol)) {
        join(client, "lobby");
      }
      ann.expect(ServerMessage.Presence.class, p -> p.nick().equals("carol"));
      bob.expect(ServerMessage.Presence.class, p -> p.nick().equals("carol"));
      carol.send(new ClientMessage.Away("a1", "lunch"));
      assertThat(carol.next()).isEqualTo(new ServerMessage.Ok("a1"));
      carol.send(new ClientMessage.Away("a2", null));
      assertThat(carol.next()).isEqualTo(new ServerMessage.Ok("a2"));
      say(carol, "lobby", "back");
      assertThat(ann.next()).isEqualTo(ServerMessage.Presence.away("lobby", "carol", "lunch"));
      assertThat(ann.next()).isEqualTo(ServerMessage.Presence.away("lobby", "carol", null));
      assertThat(ann.next()).isInstanceOf(ServerMessage.Message.class);
      assertThat(bob.next()).as("v1 has no away: nothing before the message").isInstanceOf(ServerMessage.Message.class);

      carol.sendJson("{\"type\":\"away\",\"id\":\"a3\",\"text\":\"" + "x".repeat(4097) + "\"}");
      assertThat(carol.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
    }
  }

  @Test
  void anActionAndAQuitReasonReachEveryone() throws Exception {
    try (WireClient ann = login11("ann");
        WireClient bob = WireClient.login(address, "bob")) {
      join(ann, "lobby");
      join(bob, "lobby");
      ann.expect(ServerMessage.Presence.class, p -> p.nick().equals("bob"));
      ann.send(new ClientMessage.Say("s", "lobby", "waves", null, true));
      ServerMessage.Message action = bob.expect(ServerMessage.Message.class);
      assertThat(action.hasAction()).isTrue();
      assertThat(action.text()).isEqualTo("waves");
      bob.send(new ClientMessage.History("hi", "lobby", null, null));
      assertThat(bob.expect(ServerMessage.History.class).messages()).singleElement()
          .satisfies(m -> assertThat(m.hasAction()).as("history keeps it").isTrue());
      bob.send(new ClientMessage.Quit("q", "gone fishing"));
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("quit")))
          .isEqualTo(ServerMessage.Presence.quit("lobby", "bob", "gone fishing"));
    }
  }

  @Test
  void whoisAnswersAPageOfRoomsTheAwayTextAndWhenTheUserLoggedIn() throws Exception {
    try (WireClient ann = login11("ann");
        WireClient bob = WireClient.login(address, "bob")) {
      for (String room : List.of("quiz", "lobby", "rust")) {
        join(bob, room);
      }
      bob.send(new ClientMessage.Away("a", "lunch"));
      bob.expect(ServerMessage.Ok.class, ok -> ok.re().equals("a"));
      ann.send(new ClientMessage.Whois("w1", "BOB", null, 2));
      ServerMessage.Whois first = ann.expect(ServerMessage.Whois.class);
      assertThat(first.nick()).isEqualTo("bob");
      assertThat(first.rooms()).containsExactly("lobby", "quiz");
      assertThat(first.away()).isEqualTo("lunch");
      assertThat(first.since()).isNotNull();
      assertThat(first.re()).isEqualTo("w1");
      assertThat(first.next()).isEqualTo("quiz");
      assertThat(ann.next()).isEqualTo(new ServerMessage.Ok("w1"));
      ann.send(new ClientMessage.Whois("w2", "bob", first.next(), 2));
      ServerMessage.Whois last = ann.expect(ServerMessage.Whois.class);
      assertThat(last.rooms()).containsExactly("rust");
      assertThat(last.next()).as("the last page").isNull();
      ann.send(new ClientMessage.Whois("w3", "nobody"));
      assertThat(ann.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.NO_SUCH_USER);
    }
  }

  @Test
  void aResumeAfterANickChangeUsesTheNewNickAndKeepsTheRooms() throws Exception {
    try (WireClient ann = login11("ann", "nick");
        WireClient bob = WireClient.connect(address)) {
      bob.send(new ClientMessage.Hello("h", "bob", 1, null, List.of("nick"), null));
      String secret = bob.expect(ServerMessage.Welcome.class).session();
      join(ann, "lobby");
      join(bob, "lobby");
      bob.send(new ClientMessage.Nick("n", "bobby"));
      bob.expect(ServerMessage.Ok.class, ok -> ok.re().equals("n"));
      ann.expect(ServerMessage.Presence.class, p -> p.event().equals("nick"));
      try (WireClient again = WireClient.connect(address)) {
        again.send(new ClientMessage.Hello("h2", "bobby", 1, null, List.of("nick"), secret));
        assertThat(again.expect(ServerMessage.Welcome.class).nick()).isEqualTo("bobby");
        again.send(new ClientMessage.Who("w", "lobby"));
        assertThat(again.expect(ServerMessage.Members.class).nicks()).containsExactly("ann", "bobby");
        again.send(new ClientMessage.Say("s", "lobby", "still here"));
        assertThat(ann.expect(ServerMessage.Message.class).from()).isEqualTo("bobby");
      }
    }
  }
}
