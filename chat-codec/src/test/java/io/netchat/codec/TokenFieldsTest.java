package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hello{token}} and {@code refresh{token}} (docs/PROTOCOL.md §16) as the codec reads them. */
class TokenFieldsTest {
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
  private final ChatCodec json = Wire.REGISTRY.get("json");

  @Test
  void aHelloWithATokenNeedsNoNickAndIsAContract11Hello() {
    Object hello = decode("{\"type\":\"hello\",\"id\":\"1\",\"token\":\"" + JWT + "\"}");

    assertThat(hello).isEqualTo(new ClientMessage.Hello("1", null, null, null, null, null, null, JWT));
    assertThat(((ClientMessage.Hello) hello).negotiates()).isTrue();
  }

  @Test
  void aHelloWithoutNickOrTokenIsABadRequest() {
    assertThatThrownBy(() -> decode("{\"type\":\"hello\",\"id\":\"1\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessage("missing field 'nick'");
  }

  @Test
  void aNickBesideATokenMustStillBeANick() {
    assertThatThrownBy(() -> decode("{\"type\":\"hello\",\"nick\":\"1x\",\"token\":\"" + JWT + "\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
  }

  @Test
  void aHelloWithBothAPasswordAndATokenIsABadRequestThatEchoesNeither() {
    assertThatThrownBy(() -> decode("{\"type\":\"hello\",\"id\":\"4\",\"nick\":\"alice\",\"password\":\"hunter2\","
        + "\"token\":\"" + JWT + "\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.re()).isEqualTo("4");
          assertThat(e.getMessage()).contains("'password'", "'token'").doesNotContain("hunter2", JWT);
        });
  }

  @Test
  void aTokenNeverShowsInToString() {
    assertThat(ClientMessage.Hello.withToken("1", JWT, null, null).toString()).doesNotContain(JWT).contains("token=***");
    assertThat(new ClientMessage.Refresh("2", JWT).toString()).doesNotContain(JWT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b.c.d", "eyJ\\u0000.x.y", "{\\\"alg\\\":\\\"none\\\"}", ""})
  void aTokenOutsideTheCompactAlphabetIsABadRequest(String token) {
    assertThatThrownBy(() -> decode("{\"type\":\"refresh\",\"id\":\"2\",\"token\":\"" + token + "\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.re()).isEqualTo("2");
        });
  }

  @Test
  void aTokenLongerThanTheLimitIsABadRequest() {
    String longest = "a".repeat(Validation.MAX_JWT_LENGTH);
    assertThat(decode("{\"type\":\"refresh\",\"token\":\"" + longest + "\"}"))
        .isEqualTo(new ClientMessage.Refresh(null, longest));
    assertThatThrownBy(() -> decode("{\"type\":\"refresh\",\"token\":\"" + longest + "a\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void aRefreshNeedsAToken() {
    assertThatThrownBy(() -> decode("{\"type\":\"refresh\",\"id\":\"3\"}"))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessage("missing field 'token'");
  }

  private Object decode(String payload) {
    ByteBuf buffer = Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8);
    try {
      return json.decode(buffer, ClientMessage.class);
    } finally {
      buffer.release();
    }
  }
}
