package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the {@code length} framing: a 4-byte unsigned big-endian length, then that many bytes.
 *
 * <p>Memory: at most {@code 4 + maxFrameLength} bytes are buffered per connection. The length is
 * checked as soon as its four bytes arrive; a longer frame yields one fatal
 * {@link DecodeFailure} ({@code too_large}) and every later byte is discarded unread.
 */
public final class LengthFrameDecoder extends ByteToMessageDecoder {
  private static final int HEADER = 4;
  private final int maxFrameLength;
  private boolean failed;

  public LengthFrameDecoder(int maxFrameLength) {
    this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < HEADER) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrameLength) {
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new DecodeFailure(new ChatCodecException(ErrorCode.TOO_LARGE,
          "frame of " + length + " bytes exceeds the limit of " + maxFrameLength), true));
      return;
    }
    if (in.readableBytes() < HEADER + length) {
      return;
    }
    in.skipBytes(HEADER);
    out.add(in.readRetainedSlice((int) length));
  }
}
