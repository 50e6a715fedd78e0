package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Splits the {@code irc} framing: lines end with CRLF or a bare LF (neither is part of the frame);
 * empty lines are skipped. A line may hold {@value IrcMessage#MAX_INPUT} bytes before its end (the
 * tags of IRCv3 message-tags plus a 512-byte line). A longer line is not fatal, as on IRC servers:
 * it yields one non-fatal {@link DecodeFailure} ({@code too_large}, which the listener answers
 * with {@code 417 ERR_INPUTTOOLONG}), its bytes are discarded up to its line end, and the next
 * line decodes normally.
 *
 * <p>Memory: at most the line limit plus two bytes are buffered per connection, within the shared
 * budget and the frame deadline of the {@link InboundPolicy} like the other framings; discarded
 * bytes are never held.
 */
public final class IrcLineDecoder extends BoundedFrameDecoder {
  private int scanned;
  private boolean discarding;

  /** A decoder of lines of at most {@code maxFrameLength} (capped at {@link IrcMessage#MAX_INPUT}) bytes. */
  public IrcLineDecoder(int maxFrameLength, InboundPolicy policy) {
    super(Math.min(maxFrameLength, IrcMessage.MAX_INPUT), policy);
  }

  @Override
  void decodeFrame(ByteBuf in, List<Object> out, int limit) {
    int start = in.readerIndex();
    if (discarding) {
      discard(in);
      return;
    }
    int end = start + (int) Math.min(in.readableBytes(), limit + 2L);
    int eol = in.indexOf(start + scanned, end, (byte) '\n');
    if (eol < 0) {
      scanned = end - start;
      if (in.readableBytes() > limit + 1L) {
        scanned = 0;
        discarding = true;
        out.add(overLong("a line of more than " + limit + " bytes"));
        discard(in);
      }
      return;
    }
    scanned = 0;
    int length = eol - start;
    if (length > 0 && in.getByte(eol - 1) == '\r') {
      length--;
    }
    if (length > limit) {
      out.add(overLong("a line of " + length + " bytes"));
    } else if (length > 0) {
      out.add(in.retainedSlice(start, length));
    }
    in.readerIndex(eol + 1);
  }

  /** Drops the over-long line's bytes up to and with its line end; what follows it is the next line. */
  private void discard(ByteBuf in) {
    int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    in.readerIndex(eol < 0 ? in.writerIndex() : eol + 1);
    discarding = eol < 0;
  }

  private static DecodeFailure overLong(String what) {
    return new DecodeFailure(new ChatCodecException(ErrorCode.TOO_LARGE,
        what + " exceeds the limit of " + IrcMessage.MAX_LINE + " bytes plus " + IrcMessage.MAX_TAGS
            + " of tags; it was dropped"), false);
  }
}
