package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A v1 client (typed into {@code nc}: no {@code txn}, no {@code epoch}, no caps) against the
 * contract 1.1 server: every frame it gets is a v1 frame of a v1 type, plus only the fields of
 * message identity and recovery (docs/PROTOCOL.md §13), which a v1 client ignores. With those and
 * the clock's {@code ts} taken off, the frames are exactly what a v1 server sent.
 */
class V1ClientIdentityTest {
  /** The fields contract 1.1 items 2–5 add to frames every client may get. */
  private static final Set<String> NEW_FIELDS = Set.of("msgid", "txn", "epoch", "recovered", "duplicate");
  private static final ObjectMapper JSON = new ObjectMapper();
  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = ChatServer.start(TestServers.config(TestServers.loopback("line", "json")));
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aV1ClientSeesV1FramesWithOnlyNewFieldsAdded() throws Exception {
    try (NcClient ann = new NcClient(address); NcClient bob = new NcClient(address)) {
      ann.send("{\"type\":\"hello\",\"nick\":\"ann\"}");
      ann.skip("welcome");
      bob.send("{\"type\":\"hello\",\"nick\":\"bob\"}");
      bob.skip("welcome");
      ann.send("{\"type\":\"join\",\"id\":\"j\",\"room\":\"den\"}");
      ann.expect("{\"type\":\"joined\",\"room\":\"den\",\"topic\":\"\",\"members\":[\"ann\"],\"seq\":0,\"member_count\":1}",
          "{\"type\":\"ok\",\"re\":\"j\"}");
      bob.send("{\"type\":\"join\",\"room\":\"den\"}");
      bob.expect("{\"type\":\"joined\",\"room\":\"den\",\"topic\":\"\",\"members\":[\"ann\",\"bob\"],\"seq\":0,\"member_count\":2}");
      ann.expect("{\"type\":\"presence\",\"room\":\"den\",\"nick\":\"bob\",\"event\":\"join\"}");

      ann.send("{\"type\":\"say\",\"id\":\"s\",\"room\":\"den\",\"text\":\"hi\"}");
      String message = "{\"type\":\"message\",\"room\":\"den\",\"seq\":1,\"from\":\"ann\",\"text\":\"hi\"}";
      ann.expect(message, "{\"type\":\"ok\",\"re\":\"s\",\"seq\":1}");
      bob.expect(message);

      ann.send("{\"type\":\"topic\",\"id\":\"t\",\"room\":\"den\",\"text\":\"quiet\"}");
      // the topic change is numbered in the room's stream: its seq is a new field on a v1 frame
      String topic = "{\"type\":\"topic\",\"room\":\"den\",\"text\":\"quiet\",\"by\":\"ann\",\"seq\":2}";
      ann.expect(topic, "{\"type\":\"ok\",\"re\":\"t\"}");
      bob.expect(topic);

      bob.send("{\"type\":\"say\",\"room\":\"den\",\"text\":\"yo\"}");
      String yo = "{\"type\":\"message\",\"room\":\"den\",\"seq\":3,\"from\":\"bob\",\"text\":\"yo\"}";
      bob.expect(yo);
      ann.expect(yo);

      ann.send("{\"type\":\"dm\",\"id\":\"d\",\"to\":\"bob\",\"text\":\"psst\"}");
      ann.expect("{\"type\":\"ok\",\"re\":\"d\"}");
      bob.expect("{\"type\":\"dm\",\"from\":\"ann\",\"to\":\"bob\",\"text\":\"psst\"}");

      ann.send("{\"type\":\"history\",\"id\":\"h\",\"room\":\"den\"}");
      ann.expect("{\"type\":\"history\",\"room\":\"den\",\"messages\":[" + message + "," + yo + "]}",
          "{\"type\":\"ok\",\"re\":\"h\"}");

      try (NcClient carl = new NcClient(address)) {
        carl.send("{\"type\":\"hello\",\"nick\":\"carl\"}");
        carl.skip("welcome");
        carl.send("{\"type\":\"join\",\"room\":\"den\",\"since\":1}");
        carl.expect("{\"type\":\"joined\",\"room\":\"den\",\"topic\":\"quiet\",\"members\":[\"ann\",\"bob\",\"carl\"],"
            + "\"seq\":3,\"member_count\":3}", yo);
      }
    }
  }

  /** A line-framed JSON client that reads raw frames. */
  private static final class NcClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    NcClient(InetSocketAddress address) throws IOException {
      socket.connect(address, 5000);
      socket.setSoTimeout(10_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void skip(String type) throws IOException {
      assertThat(JSON.readTree(in.readLine()).get("type").asText()).isEqualTo(type);
    }

    /** The next frames, each with the new fields and {@code ts} off, equal {@code v1} in order and field order. */
    void expect(String... v1) throws IOException {
      for (String expected : List.of(v1)) {
        ObjectNode frame = (ObjectNode) JSON.readTree(in.readLine());
        strip(frame);
        assertThat(JSON.writeValueAsString(frame)).isEqualTo(expected);
      }
    }

    private static void strip(ObjectNode frame) {
      frame.remove(NEW_FIELDS);
      frame.remove("ts");
      if (frame.has("messages")) {
        frame.get("messages").forEach(message -> strip((ObjectNode) message));
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
