package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What a client reads in {@code error{message}} for an ill-typed field, word for word, and the
 * {@code re} it gets back: the text names the field and the kind of value the contract wants.
 */
class DecodeErrorMessageTest {
  private final ChatCodec json = Wire.REGISTRY.get("json");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "client | {\"type\":\"join\",\"id\":\"7\",\"room\":5}                        | field 'room' must be a string",
      "client | {\"type\":\"history\",\"id\":\"7\",\"room\":\"r\",\"limit\":\"ten\"} | field 'limit' must be an integer",
      "client | {\"type\":\"join\",\"id\":\"7\",\"room\":\"r\",\"since\":[1]}       | field 'since' must be an integer",
      "server | {\"type\":\"message\",\"id\":\"7\",\"room\":\"r\",\"seq\":1,\"from\":\"a\",\"text\":\"t\",\"ts\":5} | field 'ts' must be an ISO-8601 timestamp",
      "server | {\"type\":\"message\",\"id\":\"7\",\"room\":\"r\",\"seq\":1,\"from\":\"a\",\"text\":\"t\",\"ts\":\"noon\"} | field 'ts' must be an ISO-8601 timestamp",
      "server | {\"type\":\"joined\",\"id\":\"7\",\"room\":\"r\",\"topic\":\"\",\"members\":\"a\",\"seq\":0} | field 'members' must be an array",
      "server | {\"type\":\"joined\",\"id\":\"7\",\"room\":\"r\",\"topic\":\"\",\"members\":[],\"seq\":\"x\"} | field 'seq' must be an integer",
      "server | {\"type\":\"welcome\",\"id\":\"7\",\"nick\":\"a\",\"server\":\"s\",\"limits\":3} | field 'limits' must be an object"
  })
  void anIllTypedFieldIsNamedWithTheKindItMustBe(String side, String payload, String message) {
    Class<?> type = side.equals("client") ? ClientMessage.class : ServerMessage.class;
    assertThatThrownBy(() -> decode(payload, type))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.re()).isEqualTo("7");
        })
        .hasMessage(message);
  }

  @Test
  void anUnknownTypeIsQuotedUpToFortyChars() {
    String forty = "t".repeat(40);
    assertThatThrownBy(() -> decode("{\"id\":\"x1\",\"type\":\"" + forty + "\"}", ClientMessage.class))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.re()).isEqualTo("x1"))
        .hasMessageStartingWith("unknown type '" + forty + "'; known: admin_ban, admin_close, ");
    assertThatThrownBy(() -> decode("{\"type\":\"" + forty + "u\"}", ClientMessage.class))
        .hasMessageStartingWith("unknown type '" + forty + "…'; known: ");
  }

  @Test
  void theErrorAnswerCarriesTheFailuresCodeMessageAndRe() {
    ServerMessage.Error error = ServerMessage.Error.of(
        new ChatCodecException(ErrorCode.NOT_JOINED, "not in room 'r'", "9", null));

    assertThat(error).isEqualTo(new ServerMessage.Error("9", "not_joined", "not in room 'r'"));
    assertThat(error.errorCode()).isSameAs(ErrorCode.NOT_JOINED);
  }

  @Test
  void readsAHeapPayloadFromItsReaderIndex() {
    ByteBuf payload = Unpooled.copiedBuffer("}}}{\"type\":\"rooms\",\"id\":\"r1\"}", StandardCharsets.UTF_8);
    try {
      payload.skipBytes(3);
      assertThat(json.decode(payload, ClientMessage.class)).isEqualTo(new ClientMessage.Rooms("r1"));
    } finally {
      payload.release();
    }
  }

  private Object decode(String payload, Class<?> side) {
    ByteBuf buffer = Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8);
    try {
      return json.decode(buffer, side);
    } finally {
      buffer.release();
    }
  }
}
