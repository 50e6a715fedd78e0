package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import java.util.Arrays;
import java.util.Locale;

/** How frames are delimited on a connection, chosen per listener by name. */
public enum Framing {
  /** A 4-byte unsigned big-endian length, then the payload (the default). */
  LENGTH {
    @Override
    public ChannelHandler newDecoder(int maxFrameLength, InboundPolicy policy) {
      return new LengthFrameDecoder(maxFrameLength, policy);
    }

    @Override
    void writeFrame(ChatCodec codec, Object message, ByteBuf out) {
      int start = out.writerIndex();
      out.writeInt(0);
      codec.encode(message, out);
      out.setInt(start, out.writerIndex() - start - 4);
    }

    @Override
    int overhead() {
      return 4;
    }
  },
  /** UTF-8 text, one message per line ending in {@code \n} (or {@code \r\n} inbound). */
  LINE {
    @Override
    public ChannelHandler newDecoder(int maxFrameLength, InboundPolicy policy) {
      return new LineFrameDecoder(maxFrameLength, policy);
    }

    @Override
    void writeFrame(ChatCodec codec, Object message, ByteBuf out) {
      codec.encode(message, out);
      out.writeByte('\n');
    }

    @Override
    int overhead() {
      return 1;
    }
  },
  /**
   * IRC (RFC 1459 / 2812 with IRCv3 message-tags): CRLF lines, bare LF accepted inbound, up to 512
   * bytes plus {@value IrcMessage#MAX_TAGS} of tags. The codec writes whole lines, CRLF
   * included (one message may be several lines), and the pipeline parses {@link IrcMessage}s: a
   * listener translates them ({@link WireFormat#install}).
   */
  IRC {
    @Override
    public ChannelHandler newDecoder(int maxFrameLength, InboundPolicy policy) {
      return new IrcLineDecoder(maxFrameLength, policy);
    }

    @Override
    void writeFrame(ChatCodec codec, Object message, ByteBuf out) {
      codec.encode(message, out);
    }

    @Override
    int overhead() {
      return 0;
    }
  };

  /** Default longest payload: 64 KiB. */
  public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

  /** A new (stateful, per-channel) decoder that enforces {@code maxFrameLength}. */
  public ChannelHandler newDecoder(int maxFrameLength) {
    return newDecoder(maxFrameLength, InboundPolicy.UNBOUNDED);
  }

  /** A new (stateful, per-channel) decoder that enforces {@code maxFrameLength} and {@code policy}. */
  public abstract ChannelHandler newDecoder(int maxFrameLength, InboundPolicy policy);

  /** Appends the framed encoding of {@code message} to {@code out}. */
  abstract void writeFrame(ChatCodec codec, Object message, ByteBuf out);

  /** Bytes the framing adds around a payload. */
  abstract int overhead();

  /** The name configuration uses, e.g. {@code "length"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The framing called {@code name}; an unknown name fails with the list of known ones. */
  public static Framing byName(String name) {
    for (Framing framing : values()) {
      if (framing.wireName().equals(name)) {
        return framing;
      }
    }
    throw new IllegalArgumentException("unknown framing '" + name + "'; known framings: "
        + String.join(", ", Arrays.stream(values()).map(Framing::wireName).toList()));
  }

  static int checkMaxFrameLength(int maxFrameLength) {
    if (maxFrameLength < 1) {
      throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
    }
    return maxFrameLength;
  }
}
