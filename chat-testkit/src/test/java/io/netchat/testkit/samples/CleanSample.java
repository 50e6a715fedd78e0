package io.netchat.testkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The same work as {@link LeakingSample}, with the buffer released. */
@OnlyInsideLeakGuardTest
public class CleanSample {
  @Test
  public void releases() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
    try {
      buffer.writeCharSequence("released", StandardCharsets.US_ASCII);
      assertThat(buffer.readableBytes()).isEqualTo(8);
    } finally {
      buffer.release();
    }
  }
}
