package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Paginated lists (contract 1.1) and the room answers that carry lists, on EmbeddedChannels:
 * {@code who} pages, {@code joined.member_count} with a capped member list, {@code history.more}.
 */
class ListsTest {
  private EmbeddedServer server;

  @AfterEach
  void finish() {
    if (server != null) {
      server.finish();
    }
  }

  private EmbeddedServer start(LimitsConfig.Builder limits, String codec) {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withEmptyRoomRetention(Duration.ofMinutes(10))
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(limits.messagesPerSecond(1000).burst(1000).build()), codec);
    return server;
  }

  private EmbeddedServer.Connection login(String nick) {
    EmbeddedServer.Connection connection = server.connect();
    connection.send(new ClientMessage.Hello(null, nick));
    connection.received();
    return connection;
  }

  @Test
  void whoIsAnsweredInPagesInKeyOrderAndJoinedListsTheFirstPageWithTheCount() {
    start(LimitsConfig.builder().maxListPage(3), "json");
    for (String nick : List.of("erin", "Bob", "dave", "carl", "Ann")) {
      login(nick).send(new ClientMessage.Join(null, "r", null));
    }
    EmbeddedServer.Connection fay = login("fay");
    fay.send(new ClientMessage.Join(null, "r", null));
    assertThat(fay.received().get(0))
        .isEqualTo(new ServerMessage.Joined("r", "", List.of("Ann", "Bob", "carl"), 0, 6,
            server.context().rooms().get("r").epoch(), false));

    fay.send(new ClientMessage.Who("w1", "r", null, 2));
    assertThat(fay.received()).containsExactly(
        new ServerMessage.Members("r", List.of("Ann", "Bob"), "bob"), new ServerMessage.Ok("w1"));
    fay.send(new ClientMessage.Who("w2", "r", "bob", 50)); // above max_list_page: capped, not refused
    assertThat(fay.received()).containsExactly(
        new ServerMessage.Members("r", List.of("carl", "dave", "erin"), "erin"), new ServerMessage.Ok("w2"));
    fay.send(new ClientMessage.Who("w3", "r", "erin", null));
    assertThat(fay.received()).containsExactly(
        new ServerMessage.Members("r", List.of("fay"), null), new ServerMessage.Ok("w3"));
    fay.send(new ClientMessage.Who("w4", "r", "\u00ff forged", null)); // positions after every key
    assertThat(fay.received()).containsExactly(
        new ServerMessage.Members("r", List.of(), null), new ServerMessage.Ok("w4"));
    fay.send(new ClientMessage.Who("w5", "r", "b", null)); // not a member's key: still a position
    assertThat(fay.received()).containsExactly(
        new ServerMessage.Members("r", List.of("Bob", "carl", "dave"), "dave"), new ServerMessage.Ok("w5"));
  }

  @Test
  void historySaysWhetherOlderMessagesAreHeld() {
    start(LimitsConfig.builder(), "json");
    EmbeddedServer.Connection ann = login("ann");
    ann.send(new ClientMessage.Join(null, "r", null));
    for (int i = 1; i <= 5; i++) {
      ann.send(new ClientMessage.Say(null, "r", "line " + i));
    }
    ann.received();
    ann.send(new ClientMessage.History(null, "r", null, 2));
    ServerMessage.History newest = (ServerMessage.History) ann.received().get(0);
    assertThat(newest.messages()).extracting(ServerMessage.Message::seq).containsExactly(4L, 5L);
    assertThat(newest.more()).isTrue();
    ann.send(new ClientMessage.History(null, "r", 3L, 5));
    ServerMessage.History oldest = (ServerMessage.History) ann.received().get(0);
    assertThat(oldest.messages()).extracting(ServerMessage.Message::seq).containsExactly(1L, 2L);
    assertThat(oldest.more()).isNull();
  }

  @Test
  void joinedFitsAFrameInTheWorstLegalCaseInJson() {
    joinedFitsAFrameInTheWorstLegalCase("json");
  }

  @Test
  void joinedFitsAFrameInTheWorstLegalCaseInCbor() {
    joinedFitsAFrameInTheWorstLegalCase("cbor");
  }

  /**
   * Finding 4, scaled to an 8 KiB frame: a full-length topic of the heaviest characters (two bytes
   * each escaped in JSON, three in UTF-8, four for a code point outside the BMP) and 32-char nicks
   * of backslashes, which JSON doubles.
   * Before, the answer failed to encode and every joiner got {@code bye{internal_error}}.
   */
  private void joinedFitsAFrameInTheWorstLegalCase(String codec) {
    int frame = 8 * 1024;
    int textLength = 1920; // the most an 8 KiB frame allows: (8192 - 512) / 4
    int members = 120;
    start(LimitsConfig.builder().maxFrameLength(frame).maxTextLength(textLength).maxListPage(1000)
        .maxMembersPerRoom(1000).roomCreationBurst(10), codec);
    List<String> keys = new ArrayList<>();
    EmbeddedServer.Connection first = null;
    for (int i = 0; i < members; i++) {
      String nick = (char) ('A' + i / 26 % 26) + "" + (char) ('a' + i % 26) + (char) ('a' + i / 676) + "\\".repeat(29);
      EmbeddedServer.Connection member = login(nick);
      member.send(new ClientMessage.Join(null, "heavy", null));
      member.received();
      keys.add(nick.toLowerCase(Locale.ROOT));
      first = first == null ? member : first;
      if (i > 0) {
        first.received(); // drain the presence
      }
    }
    for (String topic : List.of("\"".repeat(textLength), "\\".repeat(textLength), "✓".repeat(textLength),
        "\uD83D\uDE00".repeat(textLength))) {
      first.send(new ClientMessage.Topic(null, "heavy", topic));
      first.received();
      EmbeddedServer.Connection joiner = login("joiner");
      joiner.send(new ClientMessage.Join("j", "heavy", null));
      List<Object> answers = joiner.received();
      assertThat(answers).hasSize(2).last().isEqualTo(new ServerMessage.Ok("j"));
      ServerMessage.Joined joined = (ServerMessage.Joined) answers.get(0);
      assertThat(joined.topic()).isEqualTo(topic);
      assertThat(joined.memberCount()).isEqualTo(members + 1);
      assertThat(joined.members()).isNotEmpty().hasSizeLessThanOrEqualTo(members + 1);
      if (!topic.startsWith("\"") && !topic.startsWith("\\")) {
        assertThat(joined.members()).as("cut to fit").hasSizeLessThan(members);
      }
      List<String> sorted = new ArrayList<>(keys);
      sorted.add("joiner");
      sorted.sort(null);
      assertThat(joined.members()).extracting(nick -> nick.toLowerCase(Locale.ROOT))
          .containsExactlyElementsOf(sorted.subList(0, joined.members().size()));
      joiner.send(new ClientMessage.Quit(null, null));
      first.received();
    }
  }

  @Test
  void aPageOfWhoNeverExceedsTheFrameAndItsNextFollowsTheLastNickSent() {
    int frame = 2048;
    start(LimitsConfig.builder().maxFrameLength(frame).maxTextLength(100).maxListPage(1000), "json");
    List<String> nicks = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String nick = "N" + String.format("%02d", i) + "\\".repeat(29);
      nicks.add(nick);
      login(nick).send(new ClientMessage.Join(null, "r", null));
    }
    EmbeddedServer.Connection reader = server.connect();
    reader.send(new ClientMessage.Hello(null, "zed"));
    reader.received();
    List<String> walked = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      reader.send(new ClientMessage.Who(null, "r", after, null));
      ServerMessage.Members page = (ServerMessage.Members) reader.received().get(0);
      assertThat(page.nicks()).isNotEmpty();
      walked.addAll(page.nicks());
      after = page.next();
      pages++;
    } while (after != null);
    assertThat(pages).isGreaterThan(2);
    assertThat(walked).containsExactlyElementsOf(nicks);
  }

  @Test
  void aListCursorOfTheWrongSizeIsABadRequest() {
    start(LimitsConfig.builder(), "json");
    EmbeddedServer.Connection ann = login("ann");
    ann.sendRaw(io.netty.buffer.Unpooled.copiedBuffer(lengthFramed(
        "{\"type\":\"rooms\",\"id\":\"r\",\"after\":\"" + "x".repeat(129) + "\"}")));
    assertThat(((ServerMessage.Error) ann.last()).errorCode()).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  private static byte[] lengthFramed(String json) {
    byte[] payload = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }
}
