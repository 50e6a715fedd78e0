package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SendStampTest {

  @Test
  void textHasTheWantedSizeAndStartsWithTheStamp() {
    String text = SendStamp.text(0xabcdefL, 128);
    assertThat(text).hasSize(128).startsWith("~0000000000abcdef~").endsWith("x");
  }

  @Test
  void refusesTextsTooShortForTheStampAndNegativeTimes() {
    assertThatThrownBy(() -> SendStamp.text(1, SendStamp.LENGTH - 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SendStamp.text(-1, 64)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "cbor"})
  void findsTheStampInAnEncodedRoomMessageOfEitherCodec(String codec) {
    WireFormat format = WireFormat.of("length", codec, Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load());
    long intended = 987_654_321_012L;
    ServerMessage.Message message = new ServerMessage.Message("r0", 7, "b1", SendStamp.text(intended, 64),
        Instant.parse("2026-01-01T00:00:00.000Z"));
    ByteBuf frame = format.encode(message, ByteBufAllocator.DEFAULT);
    try {
      assertThat(SendStamp.find(frame)).isEqualTo(intended);
      assertThat(frame.readerIndex()).isZero();
    } finally {
      frame.release();
    }
  }

  @Test
  void framesWithoutAStampOrWithABrokenOneGiveNone() {
    assertNone("{\"type\":\"presence\",\"room\":\"r0\",\"nick\":\"b1\",\"event\":\"join\"}");
    assertNone("{\"text\":\"~0000000000abcdef\"}");
    assertNone("{\"text\":\"~00000000zzabcdef~\"}");
  }

  private static void assertNone(String payload) {
    ByteBuf frame = Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8);
    try {
      assertThat(SendStamp.find(frame)).isEqualTo(SendStamp.NONE);
    } finally {
      frame.release();
    }
  }

  @Test
  void skipsAMarkerThatOpensNoStampAsInAnIrcSource() {
    long intended = 42_000_000L;
    ByteBuf line = Unpooled.copiedBuffer(":b1000!~b1000@127.0.0.1 PRIVMSG #r0 :" + SendStamp.text(intended, 40)
        + " ~ffffffffffffffff~", StandardCharsets.UTF_8);
    try {
      assertThat(SendStamp.find(line)).isEqualTo(intended);
    } finally {
      line.release();
    }
    ByteBuf marksOnly = Unpooled.copiedBuffer("~b1@h ~x~ ~0123456789abcdeg~ ~", StandardCharsets.UTF_8);
    try {
      assertThat(SendStamp.find(marksOnly)).isEqualTo(SendStamp.NONE);
    } finally {
      marksOnly.release();
    }
  }
}
