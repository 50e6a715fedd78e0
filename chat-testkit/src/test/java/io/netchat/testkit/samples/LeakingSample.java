package io.netchat.testkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A test that passes on its own merits but forgets to release a buffer. */
@OnlyInsideLeakGuardTest
public class LeakingSample {
  @Test
  public void forgetsToRelease() {
    ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
    buffer.writeCharSequence("leaked on purpose", StandardCharsets.US_ASCII);
    assertThat(buffer.readableBytes()).isEqualTo(17);
  }
}
