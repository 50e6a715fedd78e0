package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the {@code line} framing: frames end with {@code \n} or {@code \r\n}, which are not part
 * of the frame. Empty lines are skipped, so a person typing into {@code nc} may press Enter.
 *
 * <p>Memory: at most {@code maxFrameLength + 2} bytes are buffered per connection and each byte
 * is scanned once. A longer line yields one fatal {@link DecodeFailure} ({@code too_large}) and
 * every later byte is discarded unread.
 */
public final class LineFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameLength;
  private int scanned;
  private boolean failed;

  public LineFrameDecoder(int maxFrameLength) {
    this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int limit = start + Math.min(in.readableBytes(), maxFrameLength + 2);
    int eol = in.indexOf(start + scanned, limit, (byte) '\n');
    if (eol < 0) {
      scanned = limit - start;
      if (in.readableBytes() > maxFrameLength + 1) {
        fail(in, out, in.readableBytes() + " bytes without a line end");
      }
      return;
    }
    scanned = 0;
    int length = eol - start;
    if (length > 0 && in.getByte(eol - 1) == '\r') {
      length--;
    }
    if (length > maxFrameLength) {
      fail(in, out, "line of " + length + " bytes");
      return;
    }
    if (length == 0) {
      in.readerIndex(eol + 1);
      return;
    }
    out.add(in.retainedSlice(start, length));
    in.readerIndex(eol + 1);
  }

  private void fail(ByteBuf in, List<Object> out, String what) {
    failed = true;
    in.skipBytes(in.readableBytes());
    out.add(new DecodeFailure(new ChatCodecException(ErrorCode.TOO_LARGE,
        what + " exceeds the limit of " + maxFrameLength), true));
  }
}
