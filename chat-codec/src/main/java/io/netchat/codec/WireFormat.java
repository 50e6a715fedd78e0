package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.EncoderException;

/**
 * What one listener (or one client connection) speaks: a framing, a codec and the longest frame.
 * It builds the pipeline for either side in one call and frames messages for broadcasts.
 *
 * @param framing how frames are delimited
 * @param codec how a payload maps to a message
 * @param maxFrameLength longest payload accepted and sent, in bytes
 */
public record WireFormat(Framing framing, ChatCodec codec, int maxFrameLength) {
  /** The name of the IRC framing and of the IRC codec, which go only together. */
  public static final String IRC = "irc";

  public WireFormat {
    if (framing == null || codec == null) {
      throw new IllegalArgumentException("framing and codec are required");
    }
    Framing.checkMaxFrameLength(maxFrameLength);
    if (codec.binary() && framing == Framing.LINE) {
      throw new IllegalArgumentException("codec '" + codec.name()
          + "' is binary and cannot use the 'line' framing; use 'length'");
    }
    if ((framing == Framing.IRC) != IRC.equals(codec.name())) {
      throw new IllegalArgumentException("framing '" + framing.wireName() + "' and codec '" + codec.name()
          + "' do not go together: 'framing: irc' needs 'codec: irc' and 'codec: irc' needs 'framing: irc'");
    }
  }

  /** The format named by configuration, e.g. {@code of("line", "json", 65536, registry)}. */
  public static WireFormat of(String framing, String codec, int maxFrameLength, CodecRegistry registry) {
    return new WireFormat(Framing.byName(framing), registry.get(codec), maxFrameLength);
  }

  /**
   * Adds the frame decoder, message decoder and message encoder to {@code pipeline}, named as in
   * {@link HandlerNames}. Inbound, the next handler receives messages of {@code side.inbound()}
   * or {@link DecodeFailure}s; outbound, it may write messages of {@code side.outbound()} or
   * framed {@link ByteBuf}s from {@link #encode}.
   */
  public void install(ChannelPipeline pipeline, Side side) {
    install(pipeline, side, InboundPolicy.UNBOUNDED);
  }

  /** As {@link #install(ChannelPipeline, Side)}, with the frame decoder bounded by {@code inbound}. */
  public void install(ChannelPipeline pipeline, Side side, InboundPolicy inbound) {
    if (framing == Framing.IRC) {
      if (side != Side.SERVER) {
        throw new IllegalArgumentException("the irc framing is for server listeners only");
      }
      // Inbound IrcMessages (or DecodeFailures) for the listener's translator; outbound IrcMessages.
      pipeline.addLast(HandlerNames.FRAME_DECODER, framing.newDecoder(maxFrameLength, inbound));
      pipeline.addLast(HandlerNames.MESSAGE_DECODER, new IrcMessageDecoder());
      pipeline.addLast(HandlerNames.MESSAGE_ENCODER, new MessageEncoder(this, IrcMessage.class));
      return;
    }
    pipeline.addLast(HandlerNames.FRAME_DECODER, framing.newDecoder(maxFrameLength, inbound));
    pipeline.addLast(HandlerNames.MESSAGE_DECODER, new MessageDecoder(codec, side.inbound()));
    pipeline.addLast(HandlerNames.MESSAGE_ENCODER, new MessageEncoder(this, side.outbound()));
  }

  /**
   * Frames {@code message} into a new buffer, which the caller owns: encode a broadcast once,
   * then write {@code retainedDuplicate()}s of it to each recipient.
   */
  public ByteBuf encode(Object message, ByteBufAllocator allocator) {
    ByteBuf out = allocator.ioBuffer();
    try {
      writeFrame(message, out);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /** Appends the framed encoding of {@code message}; fails if it exceeds the longest frame. */
  public void writeFrame(Object message, ByteBuf out) {
    int start = out.writerIndex();
    framing.writeFrame(codec, message, out);
    int payload = out.writerIndex() - start - framing.overhead();
    if (payload > maxFrameLength) {
      out.writerIndex(start);
      throw new EncoderException(message.getClass().getSimpleName() + " of " + payload
          + " bytes exceeds the frame limit of " + maxFrameLength);
    }
  }
}
