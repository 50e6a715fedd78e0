package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CborCodec;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.JsonCodec;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners with different framings and codecs share rooms; a broadcast is encoded once per codec. */
class MixedCodecsTest {
  private final CountingCodec countingJson = new CountingCodec("json", new JsonCodec());
  private final CountingCodec countingCbor = new CountingCodec("cbor", new CborCodec());
  private ChatServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void clientsOnThreeListenersChatInOneRoomAndEachBroadcastIsEncodedOncePerCodec() throws Exception {
    ServerConfig config = TestServers.config(
        TestServers.loopback("length", "json"), TestServers.loopback("length", "cbor"),
        TestServers.loopback("line", "json"));
    server = ChatServer.start(config, CodecRegistry.of(List.of(countingJson, countingCbor)), Clock.systemUTC());
    List<InetSocketAddress> addresses = server.addresses();
    List<WireClient> clients = new ArrayList<>();
    try {
      String[][] kinds = {{"length", "json"}, {"length", "cbor"}, {"line", "json"}};
      for (int i = 0; i < 9; i++) {
        String[] kind = kinds[i % 3];
        WireClient client = new WireClient(addresses.get(i % 3), kind[0], kind[1]);
        client.send(new ClientMessage.Hello(null, "user" + i));
        client.expect(ServerMessage.Welcome.class);
        client.send(new ClientMessage.Join(null, "mixed", null));
        client.expect(ServerMessage.Joined.class);
        clients.add(client);
      }
      for (WireClient client : clients.subList(0, 8)) {
        client.expect(ServerMessage.Presence.class, p -> p.nick().equals("user8"));
      }
      int jsonBefore = countingJson.encodesOf(ServerMessage.Message.class);
      int cborBefore = countingCbor.encodesOf(ServerMessage.Message.class);

      clients.get(1).send(new ClientMessage.Say(null, "mixed", "héllo from cbor ✓"));
      for (WireClient client : clients) {
        ServerMessage.Message message = client.expect(ServerMessage.Message.class);
        assertThat(message.text()).isEqualTo("héllo from cbor ✓");
        assertThat(message.from()).isEqualTo("user1");
        assertThat(message.seq()).isEqualTo(1);
      }
      assertThat(countingJson.encodesOf(ServerMessage.Message.class) - jsonBefore)
          .as("json encodes of one broadcast to 6 json members on 2 listeners").isEqualTo(2);
      assertThat(countingCbor.encodesOf(ServerMessage.Message.class) - cborBefore)
          .as("cbor encodes of one broadcast to 3 cbor members").isEqualTo(1);
    } finally {
      for (WireClient client : clients) {
        client.close();
      }
    }
  }
}
