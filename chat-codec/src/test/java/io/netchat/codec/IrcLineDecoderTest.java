package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code irc} framing on its own: CRLF or bare LF ends a line; 512 bytes with the line end plus
 * 4096 of tags fit; a longer line is one non-fatal {@code too_large} (answered 417) and the next
 * line decodes; the shared budget still bounds what an incomplete line holds.
 */
class IrcLineDecoderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new IrcLineDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH,
      InboundPolicy.UNBOUNDED));

  @Test
  void splitsLinesFedOneByteAtATimeWithEitherLineEnd() {
    Wire.feedBytewise(channel, Wire.utf8("NICK a\r\nUSER a 0 * :A\nPING x\r\n"));
    assertThat(lines()).containsExactly("NICK a", "USER a 0 * :A", "PING x");
    assertFalse(channel.finish());
  }

  @Test
  void skipsEmptyLines() {
    Wire.feed(channel, Wire.utf8("\r\n\nPING x\r\n\r\n"));
    assertThat(lines()).containsExactly("PING x");
    assertFalse(channel.finish());
  }

  @Test
  void aLineOfTheWholeInputLimitPassesTheFramingAndOneByteMoreIsDroppedWithoutAClose() {
    String longest = "x".repeat(IrcMessage.MAX_INPUT);
    Wire.feed(channel, Wire.utf8(longest + "\r\n" + longest + "y\r\nPING after\r\n"));
    List<Object> out = Wire.drainInbound(channel);
    assertThat(out).hasSize(3);
    assertThat(text(out.get(0))).isEqualTo(longest);
    assertThat(out.get(1)).isInstanceOfSatisfying(DecodeFailure.class, failure -> {
      assertThat(failure.fatal()).isFalse();
      assertThat(failure.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
    });
    assertThat(text(out.get(2))).isEqualTo("PING after");
    assertFalse(channel.finish());
  }

  @Test
  void anOverLongLineFedBytewiseIsReportedOnceAndTheNextLineDecodes() {
    Wire.feedBytewise(channel, Wire.utf8("z".repeat(IrcMessage.MAX_INPUT + 100) + "\nPING next\n"));
    List<Object> out = Wire.drainInbound(channel);
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isInstanceOf(DecodeFailure.class);
    assertThat(((DecodeFailure) out.get(0)).fatal()).isFalse();
    assertThat(text(out.get(1))).isEqualTo("PING next");
    assertFalse(channel.finish());
  }

  @Test
  void anIncompleteLineIsChargedToTheSharedBudget() {
    ByteBudget budget = new ByteBudget(8);
    EmbeddedChannel bounded = new EmbeddedChannel(new IrcLineDecoder(Framing.DEFAULT_MAX_FRAME_LENGTH,
        new InboundPolicy(budget, 8192, Duration.ZERO)));
    Wire.feed(bounded, Wire.utf8("PRIVMSG #a :a line that never ends"));
    assertThat(Wire.drainInbound(bounded)).singleElement().isInstanceOfSatisfying(DecodeFailure.class,
        failure -> assertThat(failure.error().code()).isEqualTo(ErrorCode.LIMIT_REACHED));
    assertThat(budget.used()).isZero();
    assertFalse(bounded.finish());
  }

  private List<String> lines() {
    return Wire.drainInbound(channel).stream().map(IrcLineDecoderTest::text).toList();
  }

  private static String text(Object frame) {
    ByteBuf line = (ByteBuf) frame;
    try {
      return new String(ByteBufUtil.getBytes(line), StandardCharsets.UTF_8);
    } finally {
      line.release();
    }
  }
}
