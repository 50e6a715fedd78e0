package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code max_text_length} counts code points ({@code text_unit: "codepoint"}) in every codec: an
 * emoji is one character, and the longest text the frame-fit rule allows, of the heaviest
 * characters (4 bytes in UTF-8), still fits a frame.
 */
class TextLengthTest {
  /** U+1F600: one code point, two UTF-16 units, four UTF-8 bytes. */
  private static final String EMOJI = "\uD83D\uDE00";
  private EmbeddedServer server;

  @AfterEach
  void finish() {
    server.finish();
  }

  private void start(String codec, LimitsConfig limits) {
    server = new EmbeddedServer(ServerConfig.defaults().withLimits(limits), codec);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void emojiHeavyTextAtTheLimitPassesAndOneMoreCodePointFails(String codec) {
    start(codec, LimitsConfig.defaults());
    int max = LimitsConfig.DEFAULT_MAX_TEXT_LENGTH;
    String atLimit = (EMOJI + "é").repeat(max / 2); // 4096 code points in 6144 UTF-16 units
    EmbeddedServer.Connection ann = server.login("ann");
    EmbeddedServer.Connection bob = server.login("bob");
    ann.send(new ClientMessage.Join(null, "r", null));
    bob.send(new ClientMessage.Join(null, "r", null));
    ann.received();
    bob.received();

    ann.send(new ClientMessage.Say("s1", "r", atLimit));
    assertThat(bob.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Message.class,
        message -> assertThat(message.text()).isEqualTo(atLimit));
    assertThat(ann.last()).isInstanceOf(ServerMessage.Ok.class);
    ann.send(new ClientMessage.Say("s2", "r", atLimit + EMOJI));
    assertTooLarge(ann, "s2", 4097);
    assertThat(bob.received()).isEmpty();

    ann.send(new ClientMessage.Dm("d1", "bob", atLimit, null));
    assertThat(bob.received()).singleElement().isInstanceOf(ServerMessage.Dm.class);
    assertThat(ann.last()).isInstanceOf(ServerMessage.Ok.class);
    ann.send(new ClientMessage.Dm("d2", "bob", atLimit + "x", null));
    assertTooLarge(ann, "d2", 4097);

    ann.send(new ClientMessage.Topic("t1", "r", atLimit));
    assertThat(bob.received()).singleElement().isInstanceOf(ServerMessage.Topic.class);
    ann.received();
    ann.send(new ClientMessage.Topic("t2", "r", EMOJI + atLimit));
    assertTooLarge(ann, "t2", 4097);
    assertThat(bob.received()).isEmpty();
  }

  private static void assertTooLarge(EmbeddedServer.Connection connection, String re, int codePoints) {
    assertThat(connection.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, error -> {
      assertThat(error.re()).isEqualTo(re);
      assertThat(error.code()).isEqualTo(ErrorCode.TOO_LARGE.wireName());
      assertThat(error.message()).isEqualTo("'text' is too long: " + codePoints + " code points, the limit is 4096");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void theLongestTextTheFrameAllowsOfFourByteCharactersFitsAFrame(String codec) {
    int frame = 8192;
    int longest = (frame - 512) / 4;
    start(codec, LimitsConfig.builder().maxFrameLength(frame).maxTextLength(longest).build());
    EmbeddedServer.Connection ann = server.login("ann");
    ann.send(new ClientMessage.Join(null, "r", null));
    ann.received();

    String heaviest = EMOJI.repeat(longest);
    ann.send(new ClientMessage.Say("s", "r", heaviest));
    assertThat(ann.received()).hasSize(2).first().isInstanceOfSatisfying(ServerMessage.Message.class,
        message -> assertThat(message.text()).isEqualTo(heaviest));
  }
}
