package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Splits the {@code length} framing: a 4-byte unsigned big-endian length, then that many bytes.
 *
 * <p>Memory: at most {@code 4 + maxFrameLength} bytes are buffered per connection (less before
 * hello, and within the shared budget, under an {@link InboundPolicy}). The length is checked as
 * soon as its four bytes arrive; a longer frame yields one fatal {@link DecodeFailure}
 * ({@code too_large}) and every later byte is discarded unread.
 */
public final class LengthFrameDecoder extends BoundedFrameDecoder {
  private static final int HEADER = 4;

  /** A decoder with no bound but {@code maxFrameLength} (a client's). */
  public LengthFrameDecoder(int maxFrameLength) {
    this(maxFrameLength, InboundPolicy.UNBOUNDED);
  }

  /** A decoder that also enforces {@code policy} (a server's). */
  public LengthFrameDecoder(int maxFrameLength, InboundPolicy policy) {
    super(maxFrameLength, policy);
  }

  @Override
  void decodeFrame(ByteBuf in, List<Object> out, int limit) {
    if (in.readableBytes() < HEADER) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > limit) {
      tooLarge(in, out, "frame of " + length + " bytes");
      return;
    }
    if (in.readableBytes() < HEADER + length) {
      return;
    }
    in.skipBytes(HEADER);
    out.add(in.readRetainedSlice((int) length));
  }
}
