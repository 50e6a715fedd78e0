package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of both directions round-trips through every codec × framing, with the pipeline
 * that {@link WireFormat#install} builds on both ends, however the bytes are cut into reads.
 */
class WireFormatTest {

  enum Delivery { WHOLE_FRAMES, ONE_BYTE_AT_A_TIME, ALL_IN_ONE_READ, EACH_FRAME_SPLIT }

  static Stream<Arguments> formatsAndDeliveries() {
    return Wire.formats().flatMap(format -> Stream.of(Delivery.values()).map(d -> Arguments.of(format, d)));
  }

  @Test
  void samplesCoverEveryMessageType() {
    assertThat(SampleMessages.uncovered(ClientMessage.class, SampleMessages.client())).isEmpty();
    assertThat(SampleMessages.uncovered(ServerMessage.class, SampleMessages.server())).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndDeliveries")
  void clientCommandsReachTheServer(WireFormat format, Delivery delivery) {
    roundTrip(format, delivery, Side.CLIENT, Side.SERVER, SampleMessages.client());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndDeliveries")
  void serverEventsReachTheClient(WireFormat format, Delivery delivery) {
    roundTrip(format, delivery, Side.SERVER, Side.CLIENT, SampleMessages.server());
  }

  private static void roundTrip(WireFormat format, Delivery delivery, Side from, Side to, List<?> messages) {
    EmbeddedChannel sender = Wire.channel(format, from);
    EmbeddedChannel receiver = Wire.channel(format, to);
    if (delivery == Delivery.ALL_IN_ONE_READ) {
      Wire.feed(receiver, Wire.encode(sender, messages.toArray()));
      assertThat(Wire.drainInbound(receiver)).containsExactlyElementsOf(messages);
    } else {
      for (Object message : messages) {
        byte[] frame = Wire.encode(sender, message);
        switch (delivery) {
          case WHOLE_FRAMES -> Wire.feed(receiver, frame);
          case ONE_BYTE_AT_A_TIME -> Wire.feedBytewise(receiver, frame);
          case EACH_FRAME_SPLIT -> Wire.feedSplit(receiver, frame, frame.length / 2);
          default -> throw new AssertionError(delivery);
        }
        assertThat(Wire.drainInbound(receiver)).as("%s", message).containsExactly(message);
      }
    }
    assertFalse(sender.finish());
    assertFalse(receiver.finish());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netchat.codec.Wire#formats")
  void aFrameSplitAtEveryPointStillDecodes(WireFormat format) {
    ClientMessage say = new ClientMessage.Say("42", "lobby", "split me");
    EmbeddedChannel client = Wire.channel(format, Side.CLIENT);
    byte[] frame = Wire.encode(client, say);
    assertFalse(client.finish());
    EmbeddedChannel server = Wire.channel(format, Side.SERVER);
    for (int at = 1; at < frame.length; at++) {
      Wire.feedSplit(server, frame, at);
      assertThat(Wire.drainInbound(server)).as("split at %d", at).containsExactly(say);
    }
    assertFalse(server.finish());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netchat.codec.Wire#formats")
  void installsNamedHandlersInOrder(WireFormat format) {
    EmbeddedChannel channel = Wire.channel(format, Side.SERVER);
    assertThat(channel.pipeline().names()).startsWith(
        HandlerNames.FRAME_DECODER, HandlerNames.MESSAGE_DECODER, HandlerNames.MESSAGE_ENCODER);
    assertFalse(channel.finish());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.netchat.codec.Wire#formats")
  void encodeOnceGivesTheSameBytesAsThePipeline(WireFormat format) {
    ServerMessage message = new ServerMessage.Message("lobby", 3, "alice", "to everyone", SampleMessages.TS);
    ByteBuf once = format.encode(message, ByteBufAllocator.DEFAULT);
    EmbeddedChannel pipeline = Wire.channel(format, Side.SERVER);
    EmbeddedChannel first = Wire.channel(format, Side.SERVER);
    EmbeddedChannel second = Wire.channel(format, Side.SERVER);
    try {
      byte[] expected = Wire.encode(pipeline, message);
      assertThat(ByteBufUtil.getBytes(once)).isEqualTo(expected);
      // A pre-framed ByteBuf passes the message encoder untouched, as a broadcast needs.
      assertThat(Wire.encode(first, once.retainedDuplicate())).isEqualTo(expected);
      assertThat(Wire.encode(second, once.retainedDuplicate())).isEqualTo(expected);
    } finally {
      once.release();
    }
    assertThat(once.refCnt()).isZero();
    assertFalse(pipeline.finish());
    assertFalse(first.finish());
    assertFalse(second.finish());
  }

  @Test
  void encodeRefusesAMessageLongerThanTheFrameLimitAndLeavesNothingBehind() {
    WireFormat format = new WireFormat(Framing.LENGTH, new JsonCodec(), 32);
    ServerMessage big = new ServerMessage.Bye("x".repeat(64));
    assertThatThrownBy(() -> format.encode(big, ByteBufAllocator.DEFAULT))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("exceeds the frame limit of 32");

    EmbeddedChannel channel = Wire.channel(format, Side.SERVER);
    assertThatThrownBy(() -> channel.writeOutbound(big)).isInstanceOf(EncoderException.class);
    channel.writeOutbound(new ServerMessage.Bye("ok"));
    assertThat(new String(Wire.drainOutbound(channel), java.nio.charset.StandardCharsets.UTF_8))
        .endsWith("{\"type\":\"bye\",\"reason\":\"ok\"}");
    assertFalse(channel.finish());
  }

  @Test
  void aBinaryCodecCannotRunOverLines() {
    assertThatThrownBy(() -> Wire.format("line", "cbor"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("codec 'cbor' is binary and cannot use the 'line' framing; use 'length'");
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> Wire.format("crlf", "json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown framing 'crlf'; known framings: length, line, irc");
    assertThatThrownBy(() -> Wire.format("length", "xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown codec 'xml'; known codecs: json, cbor");
  }

  @Test
  void rejectsANonPositiveFrameLimit() {
    assertThatThrownBy(() -> new WireFormat(Framing.LENGTH, new JsonCodec(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFrameLength must be positive");
  }
}
