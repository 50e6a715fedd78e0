package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PresenceSkipperTest {

  @Test
  void releasesPresenceFramesAndPassesEverythingElseOn() {
    EmbeddedChannel channel = new EmbeddedChannel(PresenceSkipper.INSTANCE);
    ByteBuf presence = frame("{\"type\":\"presence\",\"room\":\"r0\",\"nick\":\"b1\",\"event\":\"join\"}");
    ByteBuf joined = frame("{\"type\":\"joined\",\"room\":\"r0\",\"members\":[\"b0\"]}");
    ByteBuf shortFrame = frame("{\"type\"");
    assertThat(channel.writeInbound(presence)).isFalse();
    assertThat(presence.refCnt()).isZero();
    assertThat(channel.writeInbound(joined, shortFrame)).isTrue();
    ByteBuf first = channel.readInbound();
    ByteBuf second = channel.readInbound();
    assertThat(first).isSameAs(joined);
    assertThat(second).isSameAs(shortFrame);
    first.release();
    second.release();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void looksAtTheReadableBytesOnly() {
    ByteBuf frame = frame("xx{\"type\":\"presence\"}");
    frame.skipBytes(2);
    assertThat(PresenceSkipper.isPresence(frame)).isTrue();
    frame.release();
  }

  private static ByteBuf frame(String json) {
    return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
  }
}
