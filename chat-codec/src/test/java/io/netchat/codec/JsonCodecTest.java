package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON codec's own contract: the exact text it writes, and how it reads a payload. */
class JsonCodecTest {
  private final JsonCodec codec = new JsonCodec();

  @Test
  void isTextualAndRegisteredAsJson() {
    assertThat(Wire.REGISTRY.get("json")).isInstanceOf(JsonCodec.class);
    assertThat(codec.binary()).isFalse();
    assertThat(codec.name()).isEqualTo(JsonCodec.NAME);
  }

  @Test
  void writesTypeFirstAndLeavesAbsentFieldsOut() {
    assertThat(json(new ClientMessage.Join(null, "lobby", null))).isEqualTo("{\"type\":\"join\",\"room\":\"lobby\"}");
    assertThat(json(new ServerMessage.Ok("4", 7L))).isEqualTo("{\"type\":\"ok\",\"re\":\"4\",\"seq\":7}");
    assertThat(json(new ServerMessage.Ok("2"))).isEqualTo("{\"type\":\"ok\",\"re\":\"2\"}");
  }

  @Test
  void writesTimestampsAsUtcWithMilliseconds() {
    Instant whole = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(json(new ServerMessage.Dm("a", "b", "x", whole)))
        .isEqualTo("{\"type\":\"dm\",\"from\":\"a\",\"to\":\"b\",\"text\":\"x\",\"ts\":\"2026-01-02T03:04:05.000Z\"}");
    Instant micros = Instant.parse("2026-01-02T03:04:05.123456Z");
    assertThat(json(new ServerMessage.Dm("a", "b", "x", micros))).contains("\"ts\":\"2026-01-02T03:04:05.123Z\"");
  }

  @Test
  void writesLimitsInSnakeCase() {
    assertThat(json(new ServerMessage.Welcome("alice", "s", SampleMessages.LIMITS))).isEqualTo(
        "{\"type\":\"welcome\",\"nick\":\"alice\",\"server\":\"s\",\"limits\":{\"max_frame_length\":65536,"
            + "\"max_text_length\":4096,\"max_rooms_per_session\":32,\"history_size\":1000,"
            + "\"messages_per_second\":20,\"burst\":40}}");
  }

  @Test
  void writesErrorsWithTheirWireCode() {
    assertThat(json(new ServerMessage.Error("9", ErrorCode.NOT_JOINED, "join 'x' first")))
        .isEqualTo("{\"type\":\"error\",\"re\":\"9\",\"code\":\"not_joined\",\"message\":\"join 'x' first\"}");
  }

  @Test
  void writesNonAsciiAsUtf8AndNeverARawNewline() {
    String text = json(new ClientMessage.Say(null, "r", "é\n😀"));
    assertThat(text).isEqualTo("{\"type\":\"say\",\"room\":\"r\",\"text\":\"é\\n😀\"}");
  }

  @Test
  void readsAnOffsetSliceOfALargerBufferWithoutConsumingIt() {
    ByteBuf buffer = Unpooled.copiedBuffer("xx{\"type\":\"rooms\"}yy", StandardCharsets.UTF_8);
    ByteBuf direct = Unpooled.directBuffer().writeBytes(buffer, 2, 16);
    try {
      ByteBuf slice = buffer.slice(2, 16);
      assertThat(codec.decode(slice, ClientMessage.class)).isEqualTo(new ClientMessage.Rooms(null));
      assertThat(slice.readerIndex()).isZero();
      assertThat(codec.decode(direct, ClientMessage.class)).isEqualTo(new ClientMessage.Rooms(null));
      assertThat(direct.readableBytes()).isEqualTo(16);
    } finally {
      buffer.release();
      direct.release();
    }
  }

  @Test
  void decodesIntoTheRequestedSideOnly() {
    ByteBuf ping = Unpooled.copiedBuffer("{\"type\":\"ping\",\"id\":\"p\"}", StandardCharsets.UTF_8);
    try {
      assertThat(codec.decode(ping, ClientMessage.class)).isEqualTo(new ClientMessage.Ping("p"));
      assertThat(codec.decode(ping, ServerMessage.class)).isEqualTo(new ServerMessage.Ping("p"));
      assertThatThrownBy(() -> codec.decode(ping, String.class)).isInstanceOf(IllegalArgumentException.class);
    } finally {
      ping.release();
    }
  }

  @Test
  void readsAnErrorCodeThisVersionDoesNotKnow() {
    ByteBuf error = Unpooled.copiedBuffer("{\"type\":\"error\",\"code\":\"new_thing\",\"message\":\"m\"}",
        StandardCharsets.UTF_8);
    try {
      ServerMessage.Error decoded = (ServerMessage.Error) codec.decode(error, ServerMessage.class);
      assertThat(decoded.code()).isEqualTo("new_thing");
      assertThat(decoded.errorCode()).isNull();
    } finally {
      error.release();
    }
  }

  @Test
  void everyErrorCodeHasItsSnakeCaseWireName() {
    assertThat(List.of(ErrorCode.values()).stream().map(ErrorCode::wireName)).containsExactly(
        "bad_frame", "bad_json", "unknown_type", "bad_request", "too_large", "not_logged_in",
        "already_logged_in", "invalid_name", "nick_taken", "not_joined", "no_such_room", "no_such_user",
        "rate_limited", "limit_reached", "shutting_down", "epoch_changed", "unavailable", "nick_reserved",
        "bad_credentials", "forbidden");
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.fromWire(code.wireName())).isSameAs(code);
    }
  }

  private String json(Object message) {
    return new String(Wire.payload(codec, message), StandardCharsets.UTF_8);
  }
}
