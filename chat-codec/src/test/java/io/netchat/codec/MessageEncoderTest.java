package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The message encoder on its own: frames its side's messages, lets everything else pass. */
class MessageEncoderTest {
  private static final WireFormat LINE_JSON = Wire.format("line", "json");

  private final EmbeddedChannel server = new EmbeddedChannel(new MessageEncoder(LINE_JSON, ServerMessage.class));

  @Test
  void framesAMessageOfItsSide() {
    assertThat(text(Wire.encode(server, new ServerMessage.Left("lobby"))))
        .isEqualTo("{\"type\":\"left\",\"room\":\"lobby\"}\n");
    assertFalse(server.finish());
  }

  @Test
  void framesSeveralWritesInOrder() {
    assertThat(text(Wire.encode(server, new ServerMessage.Pong("1"), new ServerMessage.Bye("quit"))))
        .isEqualTo("{\"type\":\"pong\",\"id\":\"1\"}\n{\"type\":\"bye\",\"reason\":\"quit\"}\n");
    assertFalse(server.finish());
  }

  @Test
  void passesAPreFramedBufferThroughUntouched() {
    ByteBuf framed = Unpooled.copiedBuffer("already framed\n", StandardCharsets.UTF_8);
    server.writeOutbound(framed);
    ByteBuf out = server.readOutbound();
    try {
      assertThat(out).isSameAs(framed);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("already framed\n");
    } finally {
      out.release();
    }
    assertFalse(server.finish());
  }

  @Test
  void leavesTheOtherSidesMessagesAlone() {
    // A server pipeline does not encode client commands: they reach the transport unencoded,
    // where a real channel fails the write. This is a programming error, not a wire case.
    ClientMessage wrongSide = new ClientMessage.Ping("x");
    server.writeOutbound(wrongSide);
    assertThat((Object) server.readOutbound()).isSameAs(wrongSide);
    assertFalse(server.finish());
  }

  @Test
  void isSharableAcrossChannels() {
    MessageEncoder shared = new MessageEncoder(LINE_JSON, ServerMessage.class);
    EmbeddedChannel first = new EmbeddedChannel(shared);
    EmbeddedChannel second = new EmbeddedChannel(shared);
    assertThat(Wire.encode(first, new ServerMessage.Ping(null))).isEqualTo(Wire.encode(second, new ServerMessage.Ping(null)));
    assertFalse(first.finish());
    assertFalse(second.finish());
    assertFalse(server.finish());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
