package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loopback chat on each concrete transport: two clients log in over pipelined commands, meet
 * in a room and exchange a message and a direct message. A transport this kernel refuses must
 * refuse to start, naming itself and the reason; the test then stops as skipped, never passing.
 */
class TransportsLoopbackTest {

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
  void twoClientsChatOverEachTransport(Transport transport) throws Exception {
    String refused = transport.unavailabilityReason();
    if (refused != null) {
      assertThatThrownBy(() -> ChatServer.start(TestServers.jsonOnLoopback().withTransport(transport, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("transport '" + transport.wireName() + "' is not available here: ");
    }
    assumeTrue(refused == null, () -> transport.wireName() + " is not available here: " + refused);
    try (ChatServer server = ChatServer.start(TestServers.jsonOnLoopback().withTransport(transport, 2))) {
      assertThat(server.transport()).isEqualTo(transport);
      InetSocketAddress address = server.addresses().get(0);
      try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address)) {
        ann.send(new ClientMessage.Hello(null, "ann"), new ClientMessage.Join("j", "lobby", null));
        ann.expect(ServerMessage.Welcome.class);
        assertThat(ann.expect(ServerMessage.Joined.class).members()).containsExactly("ann");
        assertThat(ann.next()).isEqualTo(new ServerMessage.Ok("j"));
        bob.send(new ClientMessage.Hello(null, "bob"), new ClientMessage.Join(null, "lobby", null));
        bob.expect(ServerMessage.Welcome.class);
        assertThat(bob.expect(ServerMessage.Joined.class).members()).containsExactly("ann", "bob");
        assertThat(ann.next()).isEqualTo(new ServerMessage.Presence("lobby", "bob", "join"));
        bob.send(new ClientMessage.Say(null, "lobby", "over " + transport.wireName()));
        assertThat(ann.expect(ServerMessage.Message.class).text()).isEqualTo("over " + transport.wireName());
        ann.send(new ClientMessage.Dm(null, "bob", "direct"));
        assertThat(bob.expect(ServerMessage.Dm.class).text()).isEqualTo("direct");
      }
    }
  }

  @Test
  void commandsPipelinedBehindARefusedHelloAreAnsweredAsBeforeHello() throws Exception {
    try (ChatServer server = ChatServer.start(TestServers.jsonOnLoopback());
        WireClient ann = WireClient.login(server.addresses().get(0), "ann");
        WireClient copy = WireClient.connect(server.addresses().get(0))) {
      copy.send(new ClientMessage.Hello("h", "ann"), new ClientMessage.Join("j", "lobby", null));
      ServerMessage.Error refused = copy.expect(ServerMessage.Error.class);
      assertThat(refused.re()).isEqualTo("h");
      ServerMessage.Error join = copy.expect(ServerMessage.Error.class);
      assertThat(join.re()).isEqualTo("j");
      assertThat(join.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN.wireName());
    }
  }
}
