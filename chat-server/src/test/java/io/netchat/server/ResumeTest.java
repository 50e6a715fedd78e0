package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
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
      ContractNegotiationTest.login11(bob, "bob");
      bob.send(new ClientMessage.Join(null, "lobby", null));
      bob.expect(ServerMessage.Joined.class);

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
  void aWrongSecretIsAPlainHelloAndTheNickStaysTaken() throws Exception {
    try (WireClient old = WireClient.connect(address); WireClient thief = WireClient.connect(address)) {
      String secret = ContractNegotiationTest.login11(old, "ann").session();
      String wrong = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
      thief.send(ContractNegotiationTest.hello11("h", "ann", wrong));
      assertThat(thief.expect(ServerMessage.Error.class).errorCode()).isEqualTo(ErrorCode.NICK_TAKEN);
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
