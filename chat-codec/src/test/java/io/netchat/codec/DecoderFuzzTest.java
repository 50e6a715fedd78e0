package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netchat.testkit.TrackingAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes, cut into reads of any size, through the frame decoder and message decoder of every
 * format and both sides: nothing but valid messages and typed {@link DecodeFailure}s comes out, no
 * exception escapes the pipeline, and every buffer is released: each one the input arrives in or
 * the pipeline allocates comes from a {@link TrackingAllocator}, whose reference counts are checked
 * after every input (exact and cheap, so it holds while fuzzing, where leak detection is off).
 *
 * <p>In a normal build this replays the seed corpus in
 * {@code src/test/resources/io/netchat/codec/DecoderFuzzTestInputs/anyBytes/} as regression tests.
 * {@code bin/fuzz 10 codec} fuzzes for real for 10 minutes (see {@code docs/testing.md}); findings
 * land in that directory as {@code crash-*}, the generated corpus in {@code chat-codec/.cifuzz-corpus/}.
 *
 * <p>Input layout: byte 0 chooses the pipeline (bit 0: client side; bits 1–2: length+json,
 * line+json, length+cbor; bit 3: a 64-byte frame limit instead of 64 KiB; bit 4: reads arrive in
 * heap rather than direct buffers, which takes the decoders' array-backed paths), byte 1 the read
 * size (1 + its value), the rest is what arrives on the wire.
 */
class DecoderFuzzTest {
  private static final String[][] FORMATS = {{"length", "json"}, {"line", "json"}, {"length", "cbor"}};
  private static final int SMALL_LIMIT = 64;

  private final TrackingAllocator allocator = new TrackingAllocator();

  @FuzzTest(maxDuration = "5m")
  void anyBytes(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int config = input[0] & 0xFF;
    Side side = (config & 1) == 0 ? Side.SERVER : Side.CLIENT;
    String[] names = FORMATS[((config >>> 1) & 3) % FORMATS.length];
    int limit = (config & 8) != 0 ? SMALL_LIMIT : Framing.DEFAULT_MAX_FRAME_LENGTH;
    WireFormat format = WireFormat.of(names[0], names[1], limit, Wire.REGISTRY);
    boolean direct = (config & 16) == 0;
    int readSize = 1 + (input[1] & 0xFF);

    EmbeddedChannel channel = Wire.channel(format, side);
    channel.config().setAllocator(allocator);
    List<Object> inbound = new ArrayList<>();
    for (int at = 2; at < input.length; at += readSize) {
      channel.writeInbound(Wire.read(channel, input, at, Math.min(input.length, at + readSize), direct));
      inbound.addAll(Wire.drainInbound(channel));
    }
    channel.finish();
    inbound.addAll(Wire.drainInbound(channel));
    allocator.assertAllReleased();

    boolean fatalSeen = false;
    for (Object message : inbound) {
      assertThat(fatalSeen).as("nothing may follow a fatal failure, got %s", message).isFalse();
      if (message instanceof DecodeFailure failure) {
        assertThat(failure.error().code()).isNotNull();
        assertThat(failure.error().getMessage()).isNotBlank();
        assertThat(failure.fatal()).isEqualTo(failure.error().code() == ErrorCode.TOO_LARGE);
        fatalSeen = failure.fatal();
      } else {
        assertThat(message).isInstanceOf(side.inbound());
      }
    }
  }
}
