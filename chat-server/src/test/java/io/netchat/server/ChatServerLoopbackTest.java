package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command of the wire contract over a real loopback socket. */
class ChatServerLoopbackTest {
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

  @Test
  void helloIsAnsweredWithWelcomeCarryingTheLimits() throws Exception {
    try (WireClient ann = WireClient.connect(address)) {
      ann.send(new ClientMessage.Hello("h1", "Ann"));
      ServerMessage.Welcome welcome = ann.expect(ServerMessage.Welcome.class);
      assertThat(welcome.nick()).isEqualTo("Ann");
      assertThat(welcome.server()).isEqualTo("netchat");
      assertThat(welcome.limits().maxTextLength()).isEqualTo(4096);
      assertThat(ann.next()).isEqualTo(new ServerMessage.Ok("h1"));
    }
  }

  @Test
  void twoClientsChatInOneRoom() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join("j1", "lobby", null));
      assertThat(ann.expect(ServerMessage.Joined.class).members()).containsExactly("ann");
      assertThat(ann.next()).isEqualTo(new ServerMessage.Ok("j1"));
      bob.send(new ClientMessage.Join(null, "Lobby", null));
      assertThat(bob.expect(ServerMessage.Joined.class).members()).containsExactly("ann", "bob");
      assertThat(ann.next()).isEqualTo(new ServerMessage.Presence("lobby", "bob", "join"));
      bob.send(new ClientMessage.Say("s1", "lobby", "hello ann"));
      ServerMessage.Message atAnn = ann.expect(ServerMessage.Message.class);
      assertThat(atAnn.seq()).isEqualTo(1);
      assertThat(atAnn.from()).isEqualTo("bob");
      assertThat(atAnn.text()).isEqualTo("hello ann");
      assertThat(bob.next()).isEqualTo(atAnn);
      assertThat(atAnn.msgid()).isNotBlank();
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("s1", 1L, atAnn.msgid(), null));
    }
  }

  @Test
  void joinReplaysTheBacklogAndLeaveTellsTheOthers() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      for (int i = 1; i <= 3; i++) {
        ann.send(new ClientMessage.Say(null, "r", "m" + i));
        ann.expect(ServerMessage.Message.class);
      }
      bob.send(new ClientMessage.Join("j", "r", null));
      ServerMessage.Joined joined = bob.expect(ServerMessage.Joined.class);
      assertThat(joined.seq()).isEqualTo(3);
      assertThat(((ServerMessage.Message) bob.next()).text()).isEqualTo("m1");
      assertThat(((ServerMessage.Message) bob.next()).text()).isEqualTo("m2");
      assertThat(((ServerMessage.Message) bob.next()).text()).isEqualTo("m3");
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("j"));
      bob.send(new ClientMessage.Leave("l", "r"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Left("r"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("l"));
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("leave")).nick()).isEqualTo("bob");
      bob.send(new ClientMessage.Say("s", "r", "still here?"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Error("s", ErrorCode.NOT_JOINED, "not in room 'r'"));
    }
  }

  @Test
  void directMessagesReachOnlyTheRecipient() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Dm("d1", "BOB", "psst"));
      ServerMessage answer = ann.next();
      ServerMessage.Dm dm = bob.expect(ServerMessage.Dm.class);
      assertThat(dm.msgid()).isNotBlank();
      assertThat(answer).isEqualTo(new ServerMessage.Ok("d1", null, dm.msgid(), null));
      assertThat(dm.from()).isEqualTo("ann");
      assertThat(dm.to()).isEqualTo("bob");
      assertThat(dm.text()).isEqualTo("psst");
      ann.send(new ClientMessage.Dm("d2", "nobody", "hi"));
      assertThat(((ServerMessage.Error) ann.next()).errorCode()).isEqualTo(ErrorCode.NO_SUCH_USER);
    }
  }

  @Test
  void topicWhoRoomsAndHistory() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join(null, "den", null));
      ann.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "den", null));
      bob.expect(ServerMessage.Joined.class);
      ann.send(new ClientMessage.Topic("t1", "den", "quiet please"));
      // a topic change takes the room's next seq (contract 1.1); a read of the topic has none
      assertThat(bob.expect(ServerMessage.Topic.class)).isEqualTo(new ServerMessage.Topic("den", "quiet please", "ann", 1L));
      assertThat(ann.expect(ServerMessage.Topic.class).text()).isEqualTo("quiet please");
      assertThat(ann.next()).isEqualTo(new ServerMessage.Ok("t1"));

      bob.send(new ClientMessage.Topic("t2", "den", null));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Topic("den", "quiet please", "ann"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("t2"));

      bob.send(new ClientMessage.Who("w", "den"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Members("den", java.util.List.of("ann", "bob")));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("w"));

      bob.send(new ClientMessage.Rooms("r"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Rooms(
          java.util.List.of(new ServerMessage.RoomInfo("den", 2, "quiet please"))));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("r"));

      for (int i = 1; i <= 5; i++) {
        ann.send(new ClientMessage.Say(null, "den", "line " + i));
      }
      bob.expect(ServerMessage.Message.class, m -> m.seq() == 5);
      bob.send(new ClientMessage.History("h", "den", 5L, 2));
      ServerMessage.History history = bob.expect(ServerMessage.History.class);
      assertThat(history.messages()).extracting(ServerMessage.Message::seq).containsExactly(3L, 4L);
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("h"));
      // history lists messages only: seq 1 was the topic change
      bob.send(new ClientMessage.History("h1", "den", 3L, 5));
      history = bob.expect(ServerMessage.History.class);
      assertThat(history.messages()).extracting(ServerMessage.Message::seq).containsExactly(2L);
      assertThat(history.hasMore()).isFalse();
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("h1"));

      bob.send(new ClientMessage.History("h2", "nowhere", null, null));
      assertThat(((ServerMessage.Error) bob.next()).errorCode()).isEqualTo(ErrorCode.NO_SUCH_ROOM);
    }
  }

  @Test
  void pingIsAnsweredWithPongEchoingTheId() throws Exception {
    try (WireClient ann = WireClient.connect(address)) {
      ann.send(new ClientMessage.Ping("p-42"));
      assertThat(ann.next()).isEqualTo(new ServerMessage.Pong("p-42"));
    }
  }

  @Test
  void quitSaysByeClosesAndTellsTheRooms() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Join(null, "r", null));
      bob.expect(ServerMessage.Joined.class);
      bob.send(new ClientMessage.Quit("q", "gotta go"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("q"));
      assertThat(bob.next()).isEqualTo(new ServerMessage.Bye("gotta go"));
      assertThat(bob.closedByServer()).isTrue();
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("quit")).nick()).isEqualTo("bob");
    }
  }

  @Test
  void aDroppedConnectionIsAQuitForTheRoomAndFreesTheNick() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann")) {
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      try (WireClient bob = WireClient.login(address, "bob")) {
        bob.send(new ClientMessage.Join(null, "r", null));
        bob.expect(ServerMessage.Joined.class);
      }
      assertThat(ann.expect(ServerMessage.Presence.class, p -> p.event().equals("quit")).nick()).isEqualTo("bob");
      try (WireClient bobAgain = WireClient.connect(address)) {
        bobAgain.send(new ClientMessage.Hello(null, "bob"));
        assertThat(bobAgain.next()).isInstanceOf(ServerMessage.Welcome.class);
      }
    }
  }

  @Test
  void sessionRulesAreTypedErrors() throws Exception {
    try (WireClient ann = WireClient.connect(address); WireClient holder = WireClient.login(address, "taken")) {
      assertThat(holder.seen()).hasSize(1);
      ann.send(new ClientMessage.Join("j", "r", null));
      assertThat(((ServerMessage.Error) ann.next()).errorCode()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
      ann.send(new ClientMessage.Hello("h", "TAKEN"));
      ServerMessage.Error taken = (ServerMessage.Error) ann.next();
      assertThat(taken.errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
      assertThat(taken.re()).isEqualTo("h");
      ann.send(new ClientMessage.Hello(null, "ann"));
      ann.expect(ServerMessage.Welcome.class);
      ann.send(new ClientMessage.Hello("again", "ann2"));
      assertThat(((ServerMessage.Error) ann.next()).errorCode()).isEqualTo(ErrorCode.ALREADY_LOGGED_IN);
      ann.send(new ClientMessage.Join(null, "r", null));
      ann.expect(ServerMessage.Joined.class);
      ann.send(new ClientMessage.Say("long", "r", "x".repeat(4097)));
      ServerMessage.Error tooLong = (ServerMessage.Error) ann.next();
      assertThat(tooLong.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(tooLong.re()).isEqualTo("long");
      ann.send(new ClientMessage.Say("ok", "r", "x".repeat(4096)));
      assertThat(ann.expect(ServerMessage.Ok.class).seq()).isEqualTo(1L);
    }
  }
}
