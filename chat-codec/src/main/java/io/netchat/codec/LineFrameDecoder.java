package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Splits the {@code line} framing: frames end with {@code \n} or {@code \r\n}, which are not part
 * of the frame. Empty lines are skipped, so a person typing into {@code nc} may press Enter.
 *
 * <p>Memory: at most {@code maxFrameLength + 2} bytes are buffered per connection (less before
 * hello, and within the shared budget, under an {@link InboundPolicy}) and each byte is scanned
 * once. A longer line yields one fatal {@link DecodeFailure} ({@code too_large}) and every later
 * byte is discarded unread.
 */
public final class LineFrameDecoder extends BoundedFrameDecoder {
  private int scanned;

  /** A decoder with no bound but {@code maxFrameLength} (a client's). */
  public LineFrameDecoder(int maxFrameLength) {
    this(maxFrameLength, InboundPolicy.UNBOUNDED);
  }

  /** A decoder that also enforces {@code policy} (a server's). */
  public LineFrameDecoder(int maxFrameLength, InboundPolicy policy) {
    super(maxFrameLength, policy);
  }

  @Override
  void decodeFrame(ByteBuf in, List<Object> out, int limit) {
    int start = in.readerIndex();
    int end = start + (int) Math.min(in.readableBytes(), limit + 2L);
    int eol = in.indexOf(start + scanned, end, (byte) '\n');
    if (eol < 0) {
      scanned = end - start;
      if (in.readableBytes() > limit + 1L) {
        tooLarge(in, out, in.readableBytes() + " bytes without a line end");
      }
      return;
    }
    scanned = 0;
    int length = eol - start;
    if (length > 0 && in.getByte(eol - 1) == '\r') {
      length--;
    }
    if (length > limit) {
      tooLarge(in, out, "line of " + length + " bytes");
      return;
    }
    if (length > 0) {
      out.add(in.retainedSlice(start, length));
    }
    in.readerIndex(eol + 1);
  }
}
