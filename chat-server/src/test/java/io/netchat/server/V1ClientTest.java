package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.server.config.ServerConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A v1 client (no {@code protocol}, no {@code caps}) against a server with contract 1.1: every
 * frame it receives is exactly the v1 frame, byte for byte — no {@code re} on answers, no 1.1
 * field on {@code welcome}, {@code error} or {@code bye}.
 */
class V1ClientTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:30:00.250Z"), ZoneOffset.UTC);
  private ChatServer server;

  private LineClient start(ServerConfig config) throws Exception {
    server = ChatServer.start(config, CodecRegistry.load(), CLOCK);
    return new LineClient(server.addresses().get(0));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aV1ConversationGetsExactlyTheV1Frames() throws Exception {
    try (LineClient alice = start(TestServers.config(TestServers.loopback("line", "json")))) {
      alice.type("{\"type\":\"hello\",\"id\":\"1\",\"nick\":\"alice\"}",
          "{\"type\":\"join\",\"id\":\"2\",\"room\":\"lobby\"}",
          "{\"type\":\"say\",\"id\":\"3\",\"room\":\"lobby\",\"text\":\"hi\"}",
          "{\"type\":\"topic\",\"id\":\"4\",\"room\":\"lobby\"}",
          "{\"type\":\"who\",\"id\":\"5\",\"room\":\"lobby\"}",
          "{\"type\":\"rooms\",\"id\":\"6\"}",
          "{\"type\":\"history\",\"id\":\"7\",\"room\":\"lobby\"}",
          "{\"type\":\"say\",\"room\":\"nowhere\",\"text\":\"x\"}",
          "{\"type\":\"history\",\"room\":\"nowhere\"}",
          "{\"type\":\"leave\",\"id\":\"9\",\"room\":\"lobby\"}",
          "{\"type\":\"quit\",\"id\":\"10\"}");
      String message = "{\"type\":\"message\",\"room\":\"lobby\",\"seq\":1,\"from\":\"alice\",\"text\":\"hi\","
          + "\"ts\":\"2026-03-01T09:30:00.250Z\"}";
      String[] expected = {
          "{\"type\":\"welcome\",\"nick\":\"alice\",\"server\":\"netchat\",\"limits\":{\"max_frame_length\":65536,"
              + "\"max_text_length\":4096,\"max_rooms_per_session\":50,\"history_size\":500,\"messages_per_second\":20,"
              + "\"burst\":40}}",
          "{\"type\":\"ok\",\"re\":\"1\"}",
          "{\"type\":\"joined\",\"room\":\"lobby\",\"topic\":\"\",\"members\":[\"alice\"],\"seq\":0,\"member_count\":1}",
          "{\"type\":\"ok\",\"re\":\"2\"}",
          message,
          "{\"type\":\"ok\",\"re\":\"3\",\"seq\":1}",
          "{\"type\":\"topic\",\"room\":\"lobby\",\"text\":\"\"}",
          "{\"type\":\"ok\",\"re\":\"4\"}",
          "{\"type\":\"members\",\"room\":\"lobby\",\"nicks\":[\"alice\"]}",
          "{\"type\":\"ok\",\"re\":\"5\"}",
          "{\"type\":\"rooms\",\"rooms\":[{\"name\":\"lobby\",\"members\":1,\"topic\":\"\"}]}",
          "{\"type\":\"ok\",\"re\":\"6\"}",
          "{\"type\":\"history\",\"room\":\"lobby\",\"messages\":[" + message + "]}",
          "{\"type\":\"ok\",\"re\":\"7\"}",
          "{\"type\":\"error\",\"code\":\"not_joined\",\"message\":\"not in room 'nowhere'\"}",
          "{\"type\":\"error\",\"code\":\"no_such_room\",\"message\":\"no room 'nowhere'\"}",
          "{\"type\":\"left\",\"room\":\"lobby\"}",
          "{\"type\":\"ok\",\"re\":\"9\"}",
          "{\"type\":\"ok\",\"re\":\"10\"}",
          "{\"type\":\"bye\",\"reason\":\"quit\"}"};
      for (String line : expected) {
        assertThat(withoutIdentity(alice.line())).isEqualTo(line);
      }
      assertThat(alice.closed()).isTrue();
    }
  }

  /**
   * The message-identity fields of contract 1.1 (PROTOCOL.md §13: {@code msgid}, {@code epoch},
   * {@code recovered}) go to every session, since a room broadcast is encoded once for all its
   * members: new fields, which a v1 client ignores (§3). Taken off, every frame a v1 session gets
   * is exactly v1; the ones that must carry them are checked to.
   */
  private static String withoutIdentity(String line) {
    if (line.startsWith("{\"type\":\"message\"") || line.startsWith("{\"type\":\"history\"")) {
      assertThat(line).as("a message carries its msgid").containsPattern(MSGID);
    }
    if (line.startsWith("{\"type\":\"joined\"")) {
      assertThat(line).as("joined names the room's epoch").contains("\"epoch\":");
    }
    return IDENTITY.matcher(line).replaceAll("");
  }

  private static final Pattern MSGID = Pattern.compile(",\"msgid\":\"[A-Za-z0-9_-]+\"");
  private static final Pattern IDENTITY =
      Pattern.compile(",\"(msgid|epoch)\":\"[A-Za-z0-9_-]+\"|,\"recovered\":(true|false)");

  /**
   * Contract 1.1 §14 seen by a v1 client: another member's nick change is exactly the v1
   * {@code presence} quit + join, its away message nothing at all, and an action a v1 message
   * with one new field ({@code action}), which a v1 client ignores.
   */
  @Test
  void aNickChangeAwayAndAnActionOfAnotherMemberReachAV1ClientAsV1Frames() throws Exception {
    try (LineClient alice = start(TestServers.config(TestServers.loopback("line", "json")));
        LineClient carol = new LineClient(server.addresses().get(0))) {
      alice.type("{\"type\":\"hello\",\"nick\":\"alice\"}", "{\"type\":\"join\",\"id\":\"j\",\"room\":\"lobby\"}");
      while (!alice.line().equals("{\"type\":\"ok\",\"re\":\"j\"}")) {
        // welcome, joined
      }
      carol.type("{\"type\":\"hello\",\"protocol\":1,\"caps\":[\"nick\",\"away\"],\"nick\":\"carol\"}",
          "{\"type\":\"join\",\"room\":\"lobby\"}", "{\"type\":\"away\",\"text\":\"lunch\"}",
          "{\"type\":\"nick\",\"nick\":\"carla\"}", "{\"type\":\"away\"}",
          "{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"waves\",\"action\":true}");
      assertThat(alice.line()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"carol\",\"event\":\"join\"}");
      assertThat(alice.line()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"carol\",\"event\":\"quit\"}");
      assertThat(alice.line()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"nick\":\"carla\",\"event\":\"join\"}");
      assertThat(withoutIdentity(alice.line())).isEqualTo("{\"type\":\"message\",\"room\":\"lobby\",\"seq\":1,"
          + "\"from\":\"carla\",\"text\":\"waves\",\"ts\":\"2026-03-01T09:30:00.250Z\",\"action\":true}");
    }
  }

  @Test
  void aV1ClientIsRefusedAndSentAwayInV1Words() throws Exception {
    ServerConfig config = TestServers.config(TestServers.loopback("line", "json"))
        .withLimits(TestServers.limits(null, 1, null, null, 1, 1, null, null));
    try (LineClient alice = start(config)) {
      alice.type("{\"type\":\"hello\",\"nick\":\"alice\"}",
          "{\"type\":\"say\",\"id\":\"r\",\"room\":\"lobby\",\"text\":\"too fast\"}");
      assertThat(alice.line()).startsWith("{\"type\":\"welcome\",");
      assertThat(alice.line()).isEqualTo("{\"type\":\"error\",\"re\":\"r\",\"code\":\"rate_limited\","
          + "\"message\":\"more than 1 commands per second; this one was dropped\"}");
      server.close();
      assertThat(alice.line()).isEqualTo("{\"type\":\"bye\",\"reason\":\"shutting_down\"}");
      assertThat(alice.closed()).isTrue();
    }
  }
}
