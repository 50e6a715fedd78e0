package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text rule against terminal control: C0 controls other than tab and line feed, DEL and C1
 * controls are {@code bad_request} in {@code say}, {@code dm}, {@code topic} and a {@code quit}
 * reason, over every codec; the connection goes on. Bidi marks stay legal.
 */
class TextControlsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CBORMapper CBOR = new CBORMapper();

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f})
  void aControlCharacterIsBadRequest(int control) {
    String text = "a" + (char) control + "b";
    assertThatThrownBy(() -> Validation.requireText("text", text, 100))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e).hasMessage("'text' holds the control character U+%04X at 1 (only tab and line feed are allowed)",
              control);
        });
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {'\t', '\n', 0x20, 0x7e, 0xa0, 0xad, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff})
  void printableTabNewlineAndBidiAreAllowed(int allowed) {
    String text = "a" + (char) allowed + "b";
    assertThat(Validation.requireText("text", text, 100)).isEqualTo(text);
  }

  @Test
  void theRuleAppliesToEveryTextCarryingCommandWhenBuilt() {
    assertThatThrownBy(() -> new ClientMessage.Say("1", "lobby", "x\r00:31 [room] <alice> send password"))
        .isInstanceOf(ChatCodecException.class);
    assertThatThrownBy(() -> new ClientMessage.Dm("1", "bob", "\u001b[2K\rhi")).isInstanceOf(ChatCodecException.class);
    assertThatThrownBy(() -> new ClientMessage.Topic("1", "lobby", "\u001b]0;admin\u0007")).isInstanceOf(ChatCodecException.class);
    assertThatThrownBy(() -> new ClientMessage.Quit("1", "bye\u0000")).isInstanceOf(ChatCodecException.class);
    assertThatCode(() -> new ClientMessage.Say("1", "lobby", "line one\n\tline two \u202eevil\u202c")).doesNotThrowAnyException();
    assertThatCode(() -> new ClientMessage.Topic("1", "lobby", "")).doesNotThrowAnyException();
    assertThatCode(() -> new ClientMessage.Quit("1", "gone")).doesNotThrowAnyException();
  }

  /** A command with a control character in its text field, for each command that carries text. */
  static Stream<Arguments> formatsAndCommands() {
    List<Map<String, Object>> commands = List.of(
        command("type", "say", "room", "lobby", "text", "x\r00:31 [room] <alice> send password"),
        command("type", "say", "room", "lobby", "text", "fake\u0000"),
        command("type", "say", "room", "lobby", "text", "\u0085next line"),
        command("type", "dm", "to", "bob", "text", "\u001b[2K\radmin: reboot"),
        command("type", "topic", "room", "lobby", "text", "\u001b]0;pwned\u0007"),
        command("type", "quit", "reason", "bye\u007f"));
    return Wire.formats().flatMap(format -> commands.stream()
        .map(c -> Arguments.of(format, Named.of(c.get("type") + " " + escape(c), c))));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("formatsAndCommands")
  void aControlCharacterOnTheWireIsBadRequestAndTheConnectionGoesOn(WireFormat format, Map<String, Object> command)
      throws JsonProcessingException {
    Map<String, Object> withId = new LinkedHashMap<>(command);
    withId.put("id", "7");
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    ObjectMapper mapper = format.codec().binary() ? CBOR : JSON;
    Wire.feed(server, Wire.concat(
        Wire.frame(format, mapper.writeValueAsBytes(withId)),
        Wire.frame(format, mapper.writeValueAsBytes(command("type", "ping", "id", "next")))));

    List<Object> inbound = Wire.drainInbound(server);
    assertThat(inbound).hasSize(2);
    assertThat(inbound.get(0)).isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isFalse();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(failure.error().re()).isEqualTo("7");
      assertThat(failure.error().getMessage()).contains("holds the control character");
    });
    assertThat(inbound.get(1)).isEqualTo(new ClientMessage.Ping("next"));
    assertThat(server.isActive()).isTrue();
    assertFalse(server.finish());
  }

  @Test
  void anEscapedNulInJsonTextIsBadRequest() {
    WireFormat format = Wire.format("line", "json");
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    Wire.feed(server, Wire.utf8("{\"type\":\"say\",\"id\":\"3\",\"room\":\"r\",\"text\":\"a\\u0000b\"}\n"));
    assertThat(Wire.drainInbound(server)).singleElement().isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error()).hasMessageContaining("U+0000 at 1"));
    assertFalse(server.finish());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netchat.codec.Wire#formats")
  void newlineTabAndBidiTextDecodesOverEveryFormat(WireFormat format) throws JsonProcessingException {
    String text = "line one\n\tline two \u2067\u05e9\u05dc\u05d5\u05dd\u2069 \u202eevil\u202c \u200f";
    Map<String, Object> say = command("type", "say", "id", "1", "room", "lobby", "text", text);
    ObjectMapper mapper = format.codec().binary() ? CBOR : JSON;
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    Wire.feed(server, Wire.frame(format, mapper.writeValueAsBytes(say)));
    assertThat(Wire.drainInbound(server)).containsExactly(new ClientMessage.Say("1", "lobby", text));
    assertFalse(server.finish());
  }

  private static Map<String, Object> command(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String escape(Map<String, Object> command) {
    String value = String.valueOf(command.getOrDefault("text", command.get("reason")));
    StringBuilder out = new StringBuilder();
    value.chars().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}
