package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ListenerConfig;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Listeners bind IPv4 and IPv6 addresses and report their real ports (each transport: TransportsLoopbackTest). */
class ListenersTest {

  @Test
  void ipv4AndIpv6ListenersServeOneChat() throws Exception {
    try (ChatServer server = ChatServer.start(TestServers.config(
        new ListenerConfig("127.0.0.1", 0, "length", "json"), new ListenerConfig("::1", 0, "line", "json")))) {
      InetSocketAddress v4 = server.addresses().get(0);
      InetSocketAddress v6 = server.addresses().get(1);
      assertThat(v4.getPort()).isPositive();
      assertThat(v6.getAddress()).isInstanceOf(Inet6Address.class);
      try (WireClient ann = WireClient.login(v4, "ann");
          WireClient bob = new WireClient(v6, "line", "json")) {
        bob.send(new ClientMessage.Hello(null, "bob"));
        bob.expect(ServerMessage.Welcome.class);
        ann.send(new ClientMessage.Dm(null, "bob", "over v6"));
        assertThat(bob.expect(ServerMessage.Dm.class).text()).isEqualTo("over v6");
      }
    }
  }

  @Test
  void aTakenPortFailsStartWithTheAddressNamed() {
    try (ChatServer first = ChatServer.start(TestServers.jsonOnLoopback())) {
      int port = first.addresses().get(0).getPort();
      assertThatThrownBy(() -> ChatServer.start(TestServers.config(new ListenerConfig("127.0.0.1", port, "length", "json"))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
    }
  }

  @Test
  void aTakenIpv6PortIsNamedWithBrackets() {
    try (ChatServer first = ChatServer.start(TestServers.config(TestServers.loopback("length", "json").withHost("::1")))) {
      int port = first.addresses().get(0).getPort();
      assertThatThrownBy(() -> ChatServer.start(TestServers.config(new ListenerConfig("::1", port, "length", "json"))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on [::1]:" + port + ":");
    }
  }
}
