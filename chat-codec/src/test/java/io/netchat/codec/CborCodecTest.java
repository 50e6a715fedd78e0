package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The binary codec: the same model and the same typed errors as JSON, over CBOR maps. */
class CborCodecTest {
  private static final CBORMapper CBOR = new CBORMapper();
  private static final WireFormat FORMAT = Wire.format("length", "cbor");

  @Test
  void isBinaryAndRegisteredAsCbor() {
    ChatCodec codec = Wire.REGISTRY.get("cbor");
    assertThat(codec).isInstanceOf(CborCodec.class);
    assertThat(codec.binary()).isTrue();
    assertThat(codec.name()).isEqualTo(CborCodec.NAME);
  }

  @Test
  void writesAMapWithTheSameFieldsAsJson() throws Exception {
    byte[] payload = Wire.payload(new CborCodec(), new ClientMessage.Say("4", "lobby", "hi"));
    assertThat(CBOR.readTree(payload).toString())
        .isEqualTo("{\"type\":\"say\",\"id\":\"4\",\"room\":\"lobby\",\"text\":\"hi\"}");
  }

  static Stream<Arguments> badPayloads() throws JsonProcessingException {
    return Stream.of(
        Arguments.of("not cbor (break byte)", Wire.hex("FF"), ErrorCode.BAD_JSON, null),
        Arguments.of("truncated map", Wire.hex("A2 64 74797065"), ErrorCode.BAD_JSON, null),
        Arguments.of("an array", CBOR.writeValueAsBytes(List.of(1, 2)), ErrorCode.BAD_JSON, null),
        Arguments.of("a number", Wire.hex("18 2A"), ErrorCode.BAD_JSON, null),
        Arguments.of("two maps", Wire.concat(CBOR.writeValueAsBytes(Map.of("type", "ping")), CBOR.writeValueAsBytes(Map.of("type", "ping"))), ErrorCode.BAD_JSON, null),
        Arguments.of("missing type", cbor("id", "7", "nick", "alice"), ErrorCode.BAD_REQUEST, "7"),
        Arguments.of("unknown type", cbor("id", "7", "type", "fly"), ErrorCode.UNKNOWN_TYPE, "7"),
        Arguments.of("ill-typed field", cbor("id", "7", "type", "join", "room", 5), ErrorCode.BAD_REQUEST, "7"),
        Arguments.of("bytes for string", cbor("id", "7", "type", "join", "room", new byte[] {1}), ErrorCode.BAD_REQUEST, null),
        Arguments.of("indefinite bytes", Wire.hex("A1 64 74797065 5F 41 00 FF"), ErrorCode.BAD_REQUEST, null),
        Arguments.of("bad name", cbor("id", "7", "type", "hello", "nick", "no spaces"), ErrorCode.INVALID_NAME, "7"),
        Arguments.of("id too long", cbor("id", "x".repeat(65), "type", "ping"), ErrorCode.BAD_REQUEST, null),
        // map(1) { text(4) "type": text(2) C0 AF } — an overlong, invalid UTF-8 text string
        Arguments.of("overlong UTF-8 in a text string", Wire.hex("A1 64 74797065 62 C0AF"), ErrorCode.BAD_JSON, null),
        Arguments.of("UTF-8 surrogate in a text string", Wire.hex("A1 64 74797065 63 EDA080"), ErrorCode.BAD_JSON, null),
        Arguments.of("truncated UTF-8 in a key", Wire.hex("A1 62 74E2 64 70696E67"), ErrorCode.BAD_JSON, null),
        Arguments.of("invalid UTF-8 in an indefinite text chunk", Wire.hex("A1 64 74797065 7F 62 7069 61 C0 FF"), ErrorCode.BAD_JSON, null),
        Arguments.of("nested too deep", Wire.concat(Wire.hex("81".repeat(40)), Wire.hex("00")), ErrorCode.BAD_JSON, null),
        Arguments.of("a reserved header", Wire.hex("A1 64 74797065 7C"), ErrorCode.BAD_JSON, null),
        Arguments.of("a length past the end", Wire.hex("A1 64 74797065 7A FFFFFFFF"), ErrorCode.BAD_JSON, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPayloads")
  void aBadPayloadIsATypedFailureAndTheNextFrameDecodes(String what, byte[] payload, ErrorCode code, String re)
      throws Exception {
    EmbeddedChannel server = Wire.channel(FORMAT, Side.SERVER);
    Wire.feed(server, Wire.concat(Wire.lengthFrame(payload), Wire.lengthFrame(cbor("type", "ping", "id", "next"))));
    List<Object> inbound = Wire.drainInbound(server);
    assertThat(inbound).hasSize(2);
    assertThat(inbound.get(0)).isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isFalse();
      assertThat(failure.error().code()).isEqualTo(code);
      assertThat(failure.error().re()).isEqualTo(re);
    });
    assertThat(inbound.get(1)).isEqualTo(new ClientMessage.Ping("next"));
    assertFalse(server.finish());
  }

  @Test
  void readsIndefiniteLengthMapsAndStrings() {
    // {_ "type": (_ "pi" "ng"), "id": "x" }
    byte[] payload = Wire.hex("BF 64 74797065 7F 62 7069 62 6E67 FF 62 6964 61 78 FF");
    EmbeddedChannel server = Wire.channel(FORMAT, Side.SERVER);
    Wire.feed(server, Wire.lengthFrame(payload));
    assertThat(Wire.drainInbound(server)).containsExactly(new ClientMessage.Ping("x"));
    assertFalse(server.finish());
  }

  @Test
  void anOversizeFrameIsFatal() {
    WireFormat small = new WireFormat(Framing.LENGTH, new CborCodec(), 8);
    EmbeddedChannel server = Wire.channel(small, Side.SERVER);
    Wire.feed(server, Wire.lengthFrame(new byte[9]));
    assertThat(Wire.drainInbound(server)).singleElement().isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isTrue();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
    });
    assertFalse(server.finish());
  }

  private static byte[] cbor(Object... keysAndValues) throws JsonProcessingException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return CBOR.writeValueAsBytes(map);
  }
}
