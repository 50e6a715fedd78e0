package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code line} framing on its own: {@code \n} or {@code \r\n} ends a frame, the limit is enforced. */
class LineFrameDecoderTest {
  private static final int MAX = 16;

  private final EmbeddedChannel channel = new EmbeddedChannel(new LineFrameDecoder(MAX));

  @Test
  void splitsLinesFedOneByteAtATime() {
    Wire.feedBytewise(channel, Wire.utf8("abc\nde\r\n"));
    assertThat(lines()).containsExactly("abc", "de");
    assertFalse(channel.finish());
  }

  @Test
  void splitsSeveralLinesInOneRead() {
    Wire.feed(channel, Wire.utf8("one\ntwo\r\nthree\n"));
    assertThat(lines()).containsExactly("one", "two", "three");
    assertFalse(channel.finish());
  }

  @Test
  void joinsALineSplitAcrossReads() {
    Wire.feedSplit(channel, Wire.utf8("split\r\n"), 3);
    Wire.feedSplit(channel, Wire.utf8("split\r\n"), 6); // between \r and \n
    assertThat(lines()).containsExactly("split", "split");
    assertFalse(channel.finish());
  }

  @Test
  void skipsEmptyLinesSoAPersonMayPressEnter() {
    Wire.feed(channel, Wire.utf8("\n\r\n{}\n\n"));
    assertThat(lines()).containsExactly("{}");
    assertFalse(channel.finish());
  }

  @Test
  void keepsALoneCarriageReturnInsideALine() {
    Wire.feed(channel, Wire.utf8("a\rb\n"));
    assertThat(lines()).containsExactly("a\rb");
    assertFalse(channel.finish());
  }

  @Test
  void acceptsALineOfExactlyTheLimitWithEitherEnding() {
    Wire.feed(channel, Wire.utf8("x".repeat(MAX) + "\n" + "y".repeat(MAX) + "\r\n"));
    assertThat(lines()).containsExactly("x".repeat(MAX), "y".repeat(MAX));
    assertFalse(channel.finish());
  }

  @Test
  void aLongerLineIsFatalAndLaterBytesAreDiscarded() {
    Wire.feed(channel, Wire.utf8("x".repeat(MAX + 1) + "\nnext\n"));
    assertTooLarge("line of 17 bytes exceeds the limit of 16");

    Wire.feed(channel, Wire.utf8("ignored\n"));
    assertThat(channel.isActive()).isTrue();
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertFalse(channel.finish());
  }

  @Test
  void aLongerLineIsFatalBeforeItsEndArrives() {
    Wire.feedBytewise(channel, Wire.utf8("y".repeat(MAX + 1)));
    assertThat(Wire.drainInbound(channel)).isEmpty(); // could still be 16 bytes + \r
    Wire.feed(channel, Wire.utf8("y"));
    assertTooLarge("18 bytes without a line end exceeds the limit of 16");

    Wire.feedBytewise(channel, Wire.utf8("ignored\n"));
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertFalse(channel.finish());
  }

  @Test
  void anUnterminatedLineAtCloseIsDroppedWithoutALeak() {
    Wire.feed(channel, Wire.utf8("{\"type\":\"ping\"}"));
    assertThat(Wire.drainInbound(channel)).isEmpty();
    assertFalse(channel.finish());
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> new LineFrameDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    assertFalse(channel.finish());
  }

  private void assertTooLarge(String message) {
    assertThat(Wire.drainInbound(channel)).singleElement().isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isTrue();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(failure.error()).hasMessage(message);
    });
  }

  private List<String> lines() {
    return Wire.drainInbound(channel).stream().map(o -> {
      ByteBuf line = (ByteBuf) o;
      try {
        return new String(ByteBufUtil.getBytes(line), java.nio.charset.StandardCharsets.UTF_8);
      } finally {
        line.release();
      }
    }).toList();
  }
}
