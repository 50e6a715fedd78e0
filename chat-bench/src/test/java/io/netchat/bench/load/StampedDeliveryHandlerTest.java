package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampedDeliveryHandlerTest {

  @Test
  void consumesAndTimesStampedFramesAndPassesTheRestOn() {
    DeliveryStats stats = new DeliveryStats();
    stats.window(0, Long.MAX_VALUE);
    EmbeddedChannel channel = new EmbeddedChannel(new StampedDeliveryHandler(stats, new BenchClock()));

    ByteBuf stamped = Unpooled.copiedBuffer("{\"text\":\"" + SendStamp.text(0, 40) + "\"}", StandardCharsets.UTF_8);
    ByteBuf plain = Unpooled.copiedBuffer("{\"type\":\"pong\"}", StandardCharsets.UTF_8);
    assertThat(channel.writeInbound(stamped)).isFalse();
    assertThat(stamped.refCnt()).isZero();
    assertThat(channel.writeInbound(plain)).isTrue();

    ByteBuf passed = channel.readInbound();
    assertThat(passed).isSameAs(plain);
    passed.release();
    assertThat(stats.tally().delivered()).isEqualTo(1);
    assertThat(channel.finish()).isFalse();
  }
}
