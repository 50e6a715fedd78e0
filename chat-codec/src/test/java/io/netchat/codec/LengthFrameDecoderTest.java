package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code length} framing on its own: payloads out, the length prefix gone, the limit enforced. */
class LengthFrameDecoderTest {
  private static final int MAX = 16;

  private final EmbeddedChannel channel = new EmbeddedChannel(new LengthFrameDecoder(MAX));

  @Test
  void splitsFramesFedOneByteAtATime() {
    Wire.feedBytewise(channel, Wire.concat(Wire.lengthFrame(Wire.utf8("abc")), Wire.lengthFrame(Wire.utf8("de"))));
    assertThat(payloads()).containsExactly("abc", "de");
    assertFalse(channel.finish());
  }

  @Test
  void splitsSeveralFramesInOneRead() {
    Wire.feed(channel, Wire.concat(Wire.lengthFrame(Wire.utf8("one")), Wire.lengthFrame(Wire.utf8("two")),
        Wire.lengthFrame(Wire.utf8("three"))));
    assertThat(payloads()).containsExactly("one", "two", "three");
    assertFalse(channel.finish());
  }

  @Test
  void joinsAFrameSplitAcrossReads() {
    byte[] frame = Wire.lengthFrame(Wire.utf8("split"));
    Wire.feedSplit(channel, frame, 2); // inside the length prefix
    Wire.feedSplit(channel, frame, 6); // inside the payload
    assertThat(payloads()).containsExactly("split", "split");
    assertFalse(channel.finish());
  }

  @Test
  void passesAnEmptyFrameOnAsAnEmptyPayload() {
    Wire.feed(channel, Wire.hex("00000000"));
    assertThat(payloads()).containsExactly("");
    assertFalse(channel.finish());
  }

  @Test
  void acceptsAFrameOfExactlyTheLimit() {
    Wire.feed(channel, Wire.lengthFrame(Wire.utf8("x".repeat(MAX))));
    assertThat(payloads()).containsExactly("x".repeat(MAX));
    assertFalse(channel.finish());
  }

  @Test
  void aLongerFrameIsFatalAsSoonAsItsLengthArrivesAndLaterBytesAreDiscarded() {
    Wire.feed(channel, Wire.hex("00 00 00 11")); // 17: one over, the payload has not arrived yet
    List<Object> inbound = Wire.drainInbound(channel);
    assertThat(inbound).singleElement().isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isTrue();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(failure.error().re()).isNull();
      assertThat(failure.error()).hasMessage("frame of 17 bytes exceeds the limit of 16");
    });

    // Framing is lost: the decoder swallows everything after, even well-formed frames, and the
    // channel stays open for the session handler to send error + bye and close it.
    Wire.feed(channel, Wire.lengthFrame(Wire.utf8("ignored")));
    Wire.feedBytewise(channel, Wire.lengthFrame(Wire.utf8("ignored too")));
    assertThat(channel.isActive()).isTrue();
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertFalse(channel.finish());
  }

  @Test
  void theLengthIsUnsigned() {
    Wire.feed(channel, Wire.hex("FF FF FF FF 00"));
    assertThat(Wire.drainInbound(channel)).singleElement().isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error()).hasMessage("frame of 4294967295 bytes exceeds the limit of 16"));
    assertFalse(channel.finish());
  }

  @Test
  void anIncompleteFrameAtCloseIsDroppedWithoutALeak() {
    Wire.feed(channel, Wire.hex("00 00 00 08 41 42"));
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertFalse(channel.finish());
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> new LengthFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    assertFalse(channel.finish());
  }

  private List<String> payloads() {
    return Wire.drainInbound(channel).stream().map(o -> {
      ByteBuf payload = (ByteBuf) o;
      try {
        return new String(ByteBufUtil.getBytes(payload), java.nio.charset.StandardCharsets.UTF_8);
      } finally {
        payload.release();
      }
    }).toList();
  }
}
