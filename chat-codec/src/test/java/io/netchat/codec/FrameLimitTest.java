package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame limit on the way out, at the byte: a payload of exactly the limit is sent, one byte
 * more is refused, in both framings; and a frame appended after another carries its own length.
 */
class FrameLimitTest {
  private static final ServerMessage BYE = new ServerMessage.Bye("r");
  private static final int PAYLOAD = Wire.payload(new JsonCodec(), BYE).length;

  @Test
  void aPayloadOfExactlyTheLimitIsSentAndOneByteMoreIsRefused() {
    for (Framing framing : List.of(Framing.LENGTH, Framing.LINE)) { // irc goes only with the irc codec
      WireFormat exact = new WireFormat(framing, new JsonCodec(), PAYLOAD);
      ByteBuf frame = exact.encode(BYE, ByteBufAllocator.DEFAULT);
      try {
        assertThat(frame.readableBytes()).as(framing.wireName()).isEqualTo(PAYLOAD + framing.overhead());
      } finally {
        frame.release();
      }

      WireFormat tight = new WireFormat(framing, new JsonCodec(), PAYLOAD - 1);
      assertThatThrownBy(() -> tight.encode(BYE, ByteBufAllocator.DEFAULT))
          .isInstanceOf(EncoderException.class)
          .hasMessage("Bye of " + PAYLOAD + " bytes exceeds the frame limit of " + (PAYLOAD - 1));
    }
  }

  @Test
  void eachFrameAppendedToABufferCarriesItsOwnLength() {
    WireFormat format = Wire.format("length", "json");
    ByteBuf out = Unpooled.buffer();
    try {
      out.writeBytes("prefix".getBytes(StandardCharsets.US_ASCII));
      format.writeFrame(BYE, out);
      format.writeFrame(new ServerMessage.Bye("longer"), out);

      out.skipBytes(6);
      assertThat(out.readInt()).isEqualTo(PAYLOAD);
      assertThat(out.readCharSequence(PAYLOAD, StandardCharsets.UTF_8).toString()).isEqualTo("{\"type\":\"bye\",\"reason\":\"r\"}");
      int second = out.readInt();
      assertThat(ByteBufUtil.getBytes(out)).hasSize(second);
    } finally {
      out.release();
    }
  }
}
