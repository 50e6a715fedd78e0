package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A frame that breaks the contract becomes a non-fatal {@link DecodeFailure} with the right code,
 * carrying {@code re} when the command's id could be read; the connection goes on, and the next
 * good frame decodes. Checked through the whole server pipeline for both JSON framings.
 */
class MessageDecoderTest {
  private static final byte[] GOOD = Wire.utf8("{\"type\":\"ping\",\"id\":\"next\"}");

  /** A bad JSON payload and what it must become. */
  record Bad(String what, byte[] payload, ErrorCode code, String re, String message) {
    Bad(String what, String json, ErrorCode code, String re, String message) {
      this(what, Wire.utf8(json), code, re, message);
    }

    @Override
    public String toString() {
      return what;
    }
  }

  static List<Bad> badJson() {
    return List.of(
        new Bad("malformed", "{\"type\":\"ping\",", ErrorCode.BAD_JSON, null, "malformed json"),
        new Bad("not json at all", "hello there", ErrorCode.BAD_JSON, null, "malformed json"),
        new Bad("an array", "[1,2]", ErrorCode.BAD_JSON, null, "a frame must hold one object, not array"),
        new Bad("a string", "\"ping\"", ErrorCode.BAD_JSON, null, "a frame must hold one object, not string"),
        new Bad("blank", "   ", ErrorCode.BAD_JSON, null, "empty frame"),
        new Bad("two objects", "{\"type\":\"ping\"} {\"type\":\"ping\"}", ErrorCode.BAD_JSON, null, "malformed json"),
        new Bad("duplicate key", "{\"type\":\"ping\",\"type\":\"quit\"}", ErrorCode.BAD_JSON, null, "Duplicate field 'type'"),
        new Bad("nested too deep", "[".repeat(5000) + "]".repeat(5000), ErrorCode.BAD_JSON, null, "malformed json"),
        new Bad("missing type", "{\"id\":\"7\",\"nick\":\"alice\"}", ErrorCode.BAD_REQUEST, "7", "missing field 'type'"),
        new Bad("null type", "{\"id\":\"7\",\"type\":null}", ErrorCode.BAD_REQUEST, "7", "missing field 'type'"),
        new Bad("numeric type", "{\"id\":\"7\",\"type\":5}", ErrorCode.BAD_REQUEST, "7", "'type' must be a string"),
        new Bad("unknown type", "{\"id\":\"7\",\"type\":\"fly\"}", ErrorCode.UNKNOWN_TYPE, "7", "unknown type 'fly'; known: admin_ban, admin_close, admin_notice, admin_takeover, admin_unban, away, ban, bans, dm, dms, hello, history, invite, join, kick, leave, mode, nick, passwd, ping, pong, quit, refresh, register, role, rooms, say, topic, unban, who, whois"),
        new Bad("a server-only type", "{\"id\":\"7\",\"type\":\"welcome\"}", ErrorCode.UNKNOWN_TYPE, "7", "unknown type 'welcome'"),
        new Bad("missing field", "{\"id\":\"7\",\"type\":\"join\"}", ErrorCode.BAD_REQUEST, "7", "missing field 'room'"),
        new Bad("number for string", "{\"id\":\"7\",\"type\":\"join\",\"room\":5}", ErrorCode.BAD_REQUEST, "7", "field 'room' must be a string"),
        new Bad("boolean for string", "{\"id\":\"7\",\"type\":\"say\",\"room\":\"r\",\"text\":true}", ErrorCode.BAD_REQUEST, "7", "field 'text' must be a string"),
        new Bad("object for string", "{\"id\":\"7\",\"type\":\"hello\",\"nick\":{}}", ErrorCode.BAD_REQUEST, "7", "field 'nick' must be a string"),
        new Bad("string for number", "{\"id\":\"7\",\"type\":\"join\",\"room\":\"r\",\"since\":\"5\"}", ErrorCode.BAD_REQUEST, "7", "field 'since' must be an integer"),
        new Bad("fraction for integer", "{\"id\":\"7\",\"type\":\"history\",\"room\":\"r\",\"limit\":1.5}", ErrorCode.BAD_REQUEST, "7", "field 'limit' must be an integer"),
        new Bad("integer overflow", "{\"id\":\"7\",\"type\":\"join\",\"room\":\"r\",\"since\":99999999999999999999}", ErrorCode.BAD_REQUEST, "7", "since"),
        new Bad("negative since", "{\"id\":\"7\",\"type\":\"join\",\"room\":\"r\",\"since\":-1}", ErrorCode.BAD_REQUEST, "7", "'since' must be from 0 to 9007199254740991"),
        new Bad("empty text", "{\"id\":\"7\",\"type\":\"say\",\"room\":\"r\",\"text\":\"\"}", ErrorCode.BAD_REQUEST, "7", "'text' must not be empty"),
        new Bad("lone surrogate escape", "{\"id\":\"7\",\"type\":\"say\",\"room\":\"r\",\"text\":\"a\\ud800b\"}", ErrorCode.BAD_REQUEST, "7", "'text' holds an unpaired surrogate at 1"),
        new Bad("bad nick", "{\"id\":\"7\",\"type\":\"hello\",\"nick\":\"9lives\"}", ErrorCode.INVALID_NAME, "7", "invalid nick in 'nick': \"9lives\""),
        new Bad("nick too long", "{\"id\":\"7\",\"type\":\"hello\",\"nick\":\"" + "n".repeat(33) + "\"}", ErrorCode.INVALID_NAME, "7", "invalid nick"),
        new Bad("bad dm target", "{\"id\":\"7\",\"type\":\"dm\",\"to\":\"a b\",\"text\":\"x\"}", ErrorCode.INVALID_NAME, "7", "invalid nick in 'to'"),
        new Bad("bad room", "{\"id\":\"7\",\"type\":\"join\",\"room\":\"-lobby\"}", ErrorCode.INVALID_NAME, "7", "invalid room in 'room': \"-lobby\""),
        new Bad("id too long", "{\"id\":\"" + "i".repeat(65) + "\",\"type\":\"ping\"}", ErrorCode.BAD_REQUEST, null, "'id' must be 1 to 64 chars"),
        new Bad("empty id", "{\"id\":\"\",\"type\":\"ping\"}", ErrorCode.BAD_REQUEST, null, "'id' must be 1 to 64 chars"),
        new Bad("numeric id", "{\"id\":7,\"type\":\"ping\"}", ErrorCode.BAD_REQUEST, null, "'id' must be a string"),
        new Bad("overlong UTF-8", Wire.concat(Wire.utf8("{\"type\":\"say\",\"room\":\"r\",\"text\":\""), Wire.hex("C0 AF"), Wire.utf8("\"}")), ErrorCode.BAD_JSON, null, "frame is not valid UTF-8"),
        new Bad("UTF-8 surrogate", Wire.concat(Wire.utf8("{\"type\":\"say\",\"room\":\"r\",\"text\":\""), Wire.hex("ED A0 80"), Wire.utf8("\"}")), ErrorCode.BAD_JSON, null, "frame is not valid UTF-8"),
        new Bad("truncated UTF-8", Wire.concat(Wire.utf8("{\"type\":\"say\",\"room\":\"r\",\"text\":\""), Wire.hex("E2 82"), Wire.utf8("\"}")), ErrorCode.BAD_JSON, null, "frame is not valid UTF-8"),
        new Bad("UTF-8 cut at the end", Wire.concat(Wire.utf8("{\"type\":\"ping\"} "), Wire.hex("F0 9F 98")), ErrorCode.BAD_JSON, null, "frame is not valid UTF-8"),
        new Bad("stray continuation byte", Wire.concat(Wire.utf8("{\"type\":\"ping\",\"x\":\""), Wire.hex("80"), Wire.utf8("\"}")), ErrorCode.BAD_JSON, null, "frame is not valid UTF-8"));
  }

  static Stream<Arguments> jsonFormatsAndBadFrames() {
    return Stream.of("length", "line").flatMap(framing -> badJson().stream()
        .map(bad -> Arguments.of(Wire.named(framing, "json"), bad)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("jsonFormatsAndBadFrames")
  void aBadFrameIsAnsweredAndTheNextOneDecodes(WireFormat format, Bad bad) {
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    Wire.feed(server, Wire.concat(Wire.frame(format, bad.payload()), Wire.frame(format, GOOD)));

    List<Object> inbound = Wire.drainInbound(server);
    assertThat(inbound).hasSize(2);
    assertThat(inbound.get(0)).isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).as("fatal").isFalse();
      assertThat(failure.error().code()).isEqualTo(bad.code());
      assertThat(failure.error().re()).as("re").isEqualTo(bad.re());
      assertThat(failure.error().getMessage()).contains(bad.message());
    });
    assertThat(inbound.get(1)).isEqualTo(new ClientMessage.Ping("next"));
    assertThat(server.isActive()).isTrue();
    assertFalse(server.finish());
  }

  @Test
  void anEmptyLengthFrameIsBadJson() {
    EmbeddedChannel server = Wire.channel(Wire.format("length", "json"), Side.SERVER);
    Wire.feed(server, Wire.concat(Wire.hex("00000000"), Wire.lengthFrame(GOOD)));
    assertThat(Wire.drainInbound(server)).satisfiesExactly(
        first -> assertThat(((DecodeFailure) first).error()).hasMessage("empty frame"),
        second -> assertThat(second).isEqualTo(new ClientMessage.Ping("next")));
    assertFalse(server.finish());
  }

  @Test
  void unknownFieldsAreIgnored() {
    EmbeddedChannel server = Wire.channel(Wire.format("line", "json"), Side.SERVER);
    Wire.feed(server, Wire.utf8("{\"extra\":{\"a\":[1,null]},\"type\":\"join\",\"room\":\"lobby\",\"id\":\"1\",\"v\":2}\n"));
    assertThat(Wire.drainInbound(server)).containsExactly(new ClientMessage.Join("1", "lobby", null));
    assertFalse(server.finish());
  }

  @Test
  void theClientSideRejectsClientCommands() {
    EmbeddedChannel client = Wire.channel(Wire.format("line", "json"), Side.CLIENT);
    Wire.feed(client, Wire.utf8("{\"type\":\"say\",\"room\":\"r\",\"text\":\"x\"}\n{\"type\":\"ping\",\"id\":\"s1\"}\n"));
    assertThat(Wire.drainInbound(client)).satisfiesExactly(
        first -> assertThat(((DecodeFailure) first).error().code()).isEqualTo(ErrorCode.UNKNOWN_TYPE),
        second -> assertThat(second).isEqualTo(new ServerMessage.Ping("s1")));
    assertFalse(client.finish());
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "{\"type\":\"message\",\"room\":\"r\",\"from\":\"a\",\"text\":\"x\",\"ts\":\"2026-01-02T03:04:05.678Z\"}",
      "{\"type\":\"joined\",\"room\":\"r\",\"topic\":\"\",\"members\":[]}",
      "{\"type\":\"gap\",\"room\":\"r\",\"to\":5}",
      "{\"type\":\"rooms\",\"rooms\":[{\"name\":\"r\"}]}",
      "{\"type\":\"message\",\"room\":\"r\",\"seq\":null,\"from\":\"a\",\"text\":\"x\",\"ts\":\"2026-01-02T03:04:05.678Z\"}"})
  void aMissingNumberIsABadRequestNotAZero(String json) {
    EmbeddedChannel client = Wire.channel(Wire.format("line", "json"), Side.CLIENT);
    Wire.feed(client, Wire.utf8(json + "\n"));
    assertThat(Wire.drainInbound(client)).singleElement().isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertFalse(client.finish());
  }

  @Test
  void everyLimitOfWelcomeIsOptionalFromContract11AndAbsentMeansUnknownNotZero() {
    EmbeddedChannel client = Wire.channel(Wire.format("line", "json"), Side.CLIENT);
    Wire.feed(client, Wire.utf8("{\"type\":\"welcome\",\"nick\":\"a\",\"server\":\"s\",\"limits\":{\"max_frame_length\":1}}\n"
        + "{\"type\":\"welcome\",\"nick\":\"a\",\"server\":\"s\",\"limits\":{}}\n"));
    assertThat(Wire.drainInbound(client)).containsExactly(
        new ServerMessage.Welcome("a", "s", new Limits(1, null, null, null, null, null, null, null, null, null, null)),
        new ServerMessage.Welcome("a", "s", new Limits(null, null, null, null, null, null, null, null, null, null, null)));
    assertFalse(client.finish());
  }

  /** §12.9: {@code account} where a guest has none, {@code accounts} keyed by the listed nicks, in their order. */
  @Test
  void accountsDecodeWhereTheyAppearAndAMapOfNonStringsIsABadRequest() {
    EmbeddedChannel client = Wire.channel(Wire.format("line", "json"), Side.CLIENT);
    Wire.feed(client, Wire.utf8(
        "{\"type\":\"members\",\"room\":\"r\",\"nicks\":[\"b\",\"a\"],\"accounts\":{\"b\":\"bee\",\"a\":\"ay\"}}\n"
        + "{\"type\":\"presence\",\"room\":\"r\",\"nick\":\"a\",\"event\":\"join\",\"account\":\"ay\"}\n"
        + "{\"type\":\"members\",\"room\":\"r\",\"nicks\":[\"a\"],\"accounts\":{\"a\":7}}\n"
        + "{\"type\":\"members\",\"room\":\"r\",\"nicks\":[\"a\"],\"accounts\":{}}\n"));
    List<Object> inbound = Wire.drainInbound(client);
    assertThat(inbound).hasSize(4);
    ServerMessage.Members members = (ServerMessage.Members) inbound.get(0);
    assertThat(members.accounts().keySet()).as("the order of the list").containsExactly("b", "a");
    assertThat(members.accountOf("a")).isEqualTo("ay");
    assertThat(inbound.get(1)).isEqualTo(new ServerMessage.Presence("r", "a", "join").of("ay"));
    assertThat(inbound.get(2)).isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(inbound.get(3)).as("an empty map names no account: the same as none")
        .isEqualTo(new ServerMessage.Members("r", List.of("a")));
    assertFalse(client.finish());
  }

  @Test
  void aTimestampThatIsNotIso8601IsABadRequest() {
    EmbeddedChannel client = Wire.channel(Wire.format("line", "json"), Side.CLIENT);
    Wire.feed(client, Wire.utf8("{\"type\":\"dm\",\"from\":\"a\",\"to\":\"b\",\"text\":\"x\",\"ts\":\"yesterday\"}\n"));
    assertThat(Wire.drainInbound(client)).singleElement().isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error().code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertFalse(client.finish());
  }

  @Test
  void aFrameTooLargeIsFatalThroughTheWholePipeline() {
    WireFormat format = new WireFormat(Framing.LINE, new JsonCodec(), 32);
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    Wire.feed(server, Wire.utf8("{\"type\":\"say\",\"room\":\"r\",\"text\":\"far too long for 32\"}\n"
        + "{\"type\":\"ping\"}\n"));
    assertThat(Wire.drainInbound(server)).singleElement().isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isTrue();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
    });
    Wire.feed(server, Wire.utf8("{\"type\":\"ping\"}\n"));
    assertThat(Wire.drainInbound(server)).isEmpty();
    assertFalse(server.finish());
  }
}
