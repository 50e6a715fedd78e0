package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServerLoopbackTest {
  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = ChatServer.start(ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig("127.0.0.1", 0, "length", "json"))));
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void twoClientsChatInOneRoom() throws Exception {
    try (WireClient ann = WireClient.login(address, "ann"); WireClient bob = WireClient.login(address, "bob")) {
      ann.send(new ClientMessage.Join("j1", "lobby", null));
      assertThat(ann.expect(ServerMessage.Joined.class).members()).containsExactly("ann");
      ann.expect(ServerMessage.Ok.class);
      bob.send(new ClientMessage.Join(null, "lobby", null));
      assertThat(bob.expect(ServerMessage.Joined.class).members()).containsExactly("ann", "bob");
      assertThat(ann.expect(ServerMessage.Presence.class))
          .isEqualTo(new ServerMessage.Presence("lobby", "bob", "join"));
      bob.send(new ClientMessage.Say("s1", "lobby", "hello ann"));
      ServerMessage.Message atAnn = ann.expect(ServerMessage.Message.class);
      assertThat(atAnn.seq()).isEqualTo(1);
      assertThat(atAnn.from()).isEqualTo("bob");
      assertThat(atAnn.text()).isEqualTo("hello ann");
      assertThat(bob.expect(ServerMessage.Message.class)).isEqualTo(atAnn);
      assertThat(bob.expect(ServerMessage.Ok.class)).isEqualTo(new ServerMessage.Ok("s1", 1L));
    }
  }
}
