package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hello{resume}}: the secret of a session still open takes it over — nick, rooms and
 * logical id — without presence, and the old connection is told {@code bye{replaced}}.
 */
class ResumeTest {
  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = ChatServer.start(TestServers.jsonOnLoopback()
        .withTransport(io.netchat.codec.Transport.NIO, 3)); // rooms and sessions on different loops
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Logs {@code client} in as {@code nick} with contract 1.1 and joins the lobby; returns its resume secret. */
  private static String inLobby(WireClient client, String nick) throws Exception {
    String secret = ContractNegotiationTest.login11(client, nick).session();
    client.send(new ClientMessage.Join("j", "lobby", null));
    client.expect(ServerMessage.Ok.class, ok -> ok.re().equals("j"));
    return secret;
  }

  @Test
  void theSecretOfAnOpenSessionTakesItOverWithoutPresence() throws Exception {
    try (WireClient old = WireClient.connect(address); WireClient bob = WireClient.connect(address);
        WireClient resumed = WireClient.connect(address)) {
      String secret = ContractNegotiationTest.login11(old, "ann").session();
      String logicalId = server.context().users().find("ann").id();
      for (String room : new String[] {"lobby", "r2", "r3"}) {
        old.send(new ClientMessage.Join(null, room, null));
        old.expect(ServerMessage.Joined.class);
      }
      inLobby(bob, "bob");

      resumed.send(ContractNegotiationTest.hello11("h", "Ann", secret));
      ServerMessage.Welcome welcome = resumed.expect(ServerMessage.Welcome.class);
      assertThat(welcome.nick()).isEqualTo("Ann");
      assertThat(welcome.session()).as("a new secret for the new connection").isNotEqualTo(secret);
      assertThat(resumed.next()).isEqualTo(new ServerMessage.Ok("h"));

      ServerMessage.Bye bye = old.expect(ServerMessage.Bye.class);
      assertThat(bye).isEqualTo(new ServerMessage.Bye("replaced", "replaced", false, null));
      assertThat(old.closedByServer()).isTrue();

      Session session = server.context().users().find("ann");
      assertThat(session.id()).as("the logical id carries over").isEqualTo(logicalId);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(session.joinedView())
          .as("each room confirmed the takeover to the new session").containsExactlyInAnyOrder("lobby", "r2", "r3"));
      resumed.send(new ClientMessage.Say("s", "lobby", "still me"));
      ServerMessage.Message atBob = bob.expect(ServerMessage.Message.class);
      assertThat(atBob.from()).isEqualTo("Ann");
      assertThat(bob.seen()).as("bob saw no presence: the session never left")
          .noneMatch(m -> m instanceof ServerMessage.Presence p && p.nick().equalsIgnoreCase("ann"));
      assertThat(resumed.expect(ServerMessage.Ok.class).re()).isEqualTo("s");
      resumed.send(new ClientMessage.Rooms("r"));
      assertThat(resumed.expect(ServerMessage.Rooms.class).rooms())
          .extracting(ServerMessage.RoomInfo::name, ServerMessage.RoomInfo::members)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("lobby", 2), org.assertj.core.groups.Tuple.tuple("r2", 1),
              org.assertj.core.groups.Tuple.tuple("r3", 1));
      resumed.send(new ClientMessage.Join("j", "r2", 0L));
      assertThat(resumed.expect(ServerMessage.Joined.class).members()).containsExactly("Ann");
    }
  }

  @Test
  void aDroppedConnectionIsHeldForAResume() throws Exception {
    try (WireClient bob = WireClient.connect(address); WireClient resumed = WireClient.connect(address)) {
      inLobby(bob, "bob");
      String secret;
      try (WireClient old = WireClient.connect(address)) {
        secret = inLobby(old, "ann");
      } // dropped without quit
      await().atMost(Duration.ofSeconds(10)).until(() -> server.context().sessions().size() == 2);
      assertThat(server.connectionCount()).as("a held session keeps its connection slot").isEqualTo(3);

      resumed.send(ContractNegotiationTest.hello11("h", "ann", secret));
      assertThat(resumed.expect(ServerMessage.Welcome.class).nick()).isEqualTo("ann");
      resumed.send(new ClientMessage.Say("s", "lobby", "back"));
      assertThat(bob.expect(ServerMessage.Message.class).text()).isEqualTo("back");
      assertThat(bob.seen()).as("ann joined once and never left")
          .filteredOn(m -> m instanceof ServerMessage.Presence)
          .containsExactly(new ServerMessage.Presence("lobby", "ann", ServerMessage.Presence.JOIN));
    }
  }

  @Test
  void aDroppedSessionNobodyResumesQuitsAfterTheGrace() throws Exception {
    server.close();
    server = ChatServer.start(TestServers.jsonOnLoopback().withTimeouts(
        TestServers.timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(300))));
    address = server.addresses().get(0);
    try (WireClient bob = WireClient.connect(address)) {
      inLobby(bob, "bob");
      try (WireClient old = WireClient.connect(address)) {
        inLobby(old, "ann");
      }
      assertThat(bob.expect(ServerMessage.Presence.class, p -> p.event().equals(ServerMessage.Presence.QUIT)).nick())
          .isEqualTo("ann");
      try (WireClient again = WireClient.connect(address)) {
        again.send(new ClientMessage.Hello("h", "ann"));
        assertThat(again.expect(ServerMessage.Welcome.class).nick()).as("the nick is free again").isEqualTo("ann");
      }
    }
  }

  @Test
  void aSessionThatQuitIsNotHeld() throws Exception {
    try (WireClient bob = WireClient.connect(address); WireClient old = WireClient.connect(address)) {
      inLobby(bob, "bob");
      String secret = inLobby(old, "ann");
      old.send(new ClientMessage.Quit(null, null));
      assertThat(bob.expect(ServerMessage.Presence.class, p -> p.event().equals(ServerMessage.Presence.QUIT)).nick())
          .isEqualTo("ann");
      try (WireClient again = WireClient.connect(address)) {
        again.send(ContractNegotiationTest.hello11("h", "ann", secret));
        ServerMessage.Welcome welcome = again.expect(ServerMessage.Welcome.class);
        assertThat(welcome.session()).isNotEqualTo(secret);
        again.send(new ClientMessage.Say("s", "lobby", "x"));
        assertThat(again.expect(ServerMessage.Error.class).code()).as("a new session: not in the room").isEqualTo("not_joined");
      }
    }
  }

  @Test
  void aWrongSecretIsAPlainHelloAndTheNickStaysTaken() throws Exception {
    try (WireClient old = WireClient.connect(address); WireClient thief = WireClient.connect(address)) {
      String secret = ContractNegotiationTest.login11(old, "ann").session();
      String wrong = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
      thief.send(ContractNegotiationTest.hello11("h", "ann", wrong));
      ServerMessage.Error taken = thief.expect(ServerMessage.Error.class);
      assertThat(taken.errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
      assertThat(taken.command()).as("a 1.1 hello is answered in 1.1 form").isEqualTo("hello");
      thief.send(ContractNegotiationTest.hello11("h2", "eve", wrong));
      assertThat(thief.expect(ServerMessage.Welcome.class).nick()).as("an unknown secret on a free nick is a login")
          .isEqualTo("eve");
      old.send(new ClientMessage.Ping("p"));
      assertThat(old.expect(ServerMessage.Pong.class).id()).as("the owner keeps its session").isEqualTo("p");
    }
  }

  @Test
  void aSecretOnlyResumesTheNickItWasGivenFor() throws Exception {
    try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address);
        WireClient other = WireClient.connect(address)) {
      String annSecret = ContractNegotiationTest.login11(ann, "ann").session();
      ContractNegotiationTest.login11(bob, "bob");
      other.send(ContractNegotiationTest.hello11("h", "bob", annSecret));
      assertThat(other.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
    }
  }

  @Test
  void aV1SessionCannotBeResumed() throws Exception {
    try (WireClient v1 = WireClient.login(address, "ann"); WireClient other = WireClient.connect(address)) {
      other.send(ContractNegotiationTest.hello11("h", "ann", "AAAAAAAAAAAAAAAAAAAAAA"));
      assertThat(other.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
    }
  }
}
