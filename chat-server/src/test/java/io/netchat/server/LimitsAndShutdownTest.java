package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Configured limits answer with limit_reached; shutdown says bye to everyone. */
class LimitsAndShutdownTest {
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(io.netchat.server.config.LimitsConfig limits) {
    server = ChatServer.start(TestServers.jsonOnLoopback().withLimits(limits));
    return server.addresses().get(0);
  }

  @Test
  void aFullRoomRefusesTheNextMember() throws Exception {
    InetSocketAddress address = start(TestServers.limits(2, null, null, null, null, null, null, null));
    try (WireClient a = WireClient.login(address, "a"); WireClient b = WireClient.login(address, "b");
        WireClient c = WireClient.login(address, "c")) {
      for (WireClient member : new WireClient[] {a, b}) {
        member.send(new ClientMessage.Join(null, "small", null));
        member.expect(ServerMessage.Joined.class);
      }
      c.send(new ClientMessage.Join("j", "small", null));
      ServerMessage.Error full = (ServerMessage.Error) c.next();
      assertThat(full.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(full.re()).isEqualTo("j");
      c.send(new ClientMessage.Say("s", "small", "let me in"));
      assertThat(((ServerMessage.Error) c.next()).errorCode()).isEqualTo(ErrorCode.NOT_JOINED);
    }
  }

  @Test
  void aSessionMayBeInOnlySoManyRooms() throws Exception {
    InetSocketAddress address = start(TestServers.limits(null, 2, null, null, null, null, null, null));
    try (WireClient a = WireClient.login(address, "a")) {
      a.send(new ClientMessage.Join(null, "one", null));
      a.expect(ServerMessage.Joined.class);
      a.send(new ClientMessage.Join(null, "two", null));
      a.expect(ServerMessage.Joined.class);
      a.send(new ClientMessage.Join("three", "three", null));
      assertThat(a.next()).isEqualTo(new ServerMessage.Error("three", ErrorCode.LIMIT_REACHED,
          "a session may be in at most 2 rooms"));
    }
  }

  @Test
  void connectionsPerAddressAreCapped() throws Exception {
    InetSocketAddress address = start(TestServers.limits(null, null, 2, null, null, null, null, null));
    try (WireClient a = WireClient.connect(address); WireClient b = WireClient.connect(address);
        WireClient c = WireClient.connect(address)) {
      ServerMessage.Error refused = (ServerMessage.Error) c.next();
      assertThat(refused.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(c.next()).isEqualTo(new ServerMessage.Bye("limit_reached"));
      assertThat(c.closedByServer()).isTrue();
      a.send(new ClientMessage.Ping("still"));
      assertThat(a.next()).isEqualTo(new ServerMessage.Pong("still"));
      b.send(new ClientMessage.Ping("fine"));
      assertThat(b.next()).isEqualTo(new ServerMessage.Pong("fine"));
    }
  }

  @Test
  void shutdownSaysByeToEveryoneAndStopsAccepting() throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback());
    InetSocketAddress address = server.addresses().get(0);
    try (WireClient a = WireClient.login(address, "a"); WireClient b = WireClient.connect(address)) {
      a.send(new ClientMessage.Join(null, "r", null));
      a.expect(ServerMessage.Joined.class);
      server.close();
      assertThat(a.expect(ServerMessage.Bye.class).reason()).isEqualTo("shutting_down");
      assertThat(b.expect(ServerMessage.Bye.class).reason()).isEqualTo("shutting_down");
      assertThat(a.closedByServer()).isTrue();
      assertThat(b.closedByServer()).isTrue();
    }
    try (java.net.Socket late = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> late.connect(address, 1000))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
