package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.testkit.NoLeaksExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hardening finding 9: {@code join{since: 9223372036854775807}} was answered with
 * {@code gap{from: -9223372036854775808}} (an overflow). Positions are bounded to 2^53 − 1, the
 * largest integer every JSON client holds exactly, on decode in both codecs.
 */
@ExtendWith(NoLeaksExtension.class)
class NumericRangeTest {
  private static final long MAX = 9_007_199_254_740_991L;

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void sinceAndBeforeAcceptTheLargestWireInteger(String codec) {
    assertThat(Validation.MAX_WIRE_INTEGER).isEqualTo(MAX);
    assertThat(roundTrip(codec, new ClientMessage.Join(null, "r", MAX))).isEqualTo(new ClientMessage.Join(null, "r", MAX));
    assertThat(roundTrip(codec, new ClientMessage.History(null, "r", MAX, 1)))
        .isEqualTo(new ClientMessage.History(null, "r", MAX, 1));
  }

  @ParameterizedTest
  @ValueSource(longs = {MAX + 1, Long.MAX_VALUE})
  void sinceAboveTheLargestWireIntegerIsABadRequest(long since) {
    assertThatThrownBy(() -> new ClientMessage.Join("j", "r", since))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.getMessage()).isEqualTo("'since' must be from 0 to " + MAX);
        });
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, MAX + 1, Long.MAX_VALUE, Long.MIN_VALUE})
  void beforeOutsideOneToTheLargestWireIntegerIsABadRequest(long before) {
    assertThatThrownBy(() -> new ClientMessage.History("h", "r", before, null))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.getMessage()).isEqualTo("'before' must be from 1 to " + MAX);
        });
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE})
  void negativeSinceIsABadRequest(long since) {
    assertThatThrownBy(() -> new ClientMessage.Join(null, "r", since))
        .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @org.junit.jupiter.api.Test
  void theOverflowingJoinOfTheReportIsRefusedOnDecode() {
    ByteBuf payload = Unpooled.copiedBuffer("{\"type\":\"join\",\"room\":\"r\",\"since\":9223372036854775807}",
        StandardCharsets.UTF_8);
    try {
      assertThatThrownBy(() -> CodecRegistry.load().get("json").decode(payload, ClientMessage.class))
          .isInstanceOfSatisfying(ChatCodecException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    } finally {
      payload.release();
    }
  }

  private static ClientMessage roundTrip(String name, ClientMessage message) {
    ChatCodec codec = CodecRegistry.load().get(name);
    ByteBuf payload = Unpooled.buffer();
    try {
      codec.encode(message, payload);
      return codec.decode(payload, ClientMessage.class);
    } finally {
      payload.release();
    }
  }
}
