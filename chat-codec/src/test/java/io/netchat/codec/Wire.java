package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Test helpers: channels with a {@link WireFormat} installed, and byte plumbing that releases what it reads. */
final class Wire {
  static final CodecRegistry REGISTRY = CodecRegistry.load();
  static final int MAX = Framing.DEFAULT_MAX_FRAME_LENGTH;

  private Wire() {}

  static WireFormat format(String framing, String codec) {
    return WireFormat.of(framing, codec, MAX, REGISTRY);
  }

  /** Every combination the project supports: length+json, line+json, length+cbor. */
  static Stream<Named<WireFormat>> formats() {
    return Stream.of(named("length", "json"), named("line", "json"), named("length", "cbor"));
  }

  /** A format named like {@code line+json} in test names. */
  static Named<WireFormat> named(String framing, String codec) {
    return Named.of(framing + "+" + codec, format(framing, codec));
  }

  static EmbeddedChannel channel(WireFormat format, Side side) {
    EmbeddedChannel channel = new EmbeddedChannel();
    format.install(channel.pipeline(), side);
    return channel;
  }

  /** Writes messages out through {@code channel} and returns the bytes that left it. */
  static byte[] encode(EmbeddedChannel channel, Object... messages) {
    for (Object message : messages) {
      channel.writeOutbound(message);
    }
    return drainOutbound(channel);
  }

  static byte[] drainOutbound(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    try {
      for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
        all.writeBytes(out);
        out.release();
      }
      return ByteBufUtil.getBytes(all);
    } finally {
      all.release();
    }
  }

  /** Everything the pipeline passed inbound so far. */
  static List<Object> drainInbound(EmbeddedChannel channel) {
    List<Object> messages = new ArrayList<>();
    for (Object message; (message = channel.readInbound()) != null; ) {
      messages.add(message);
    }
    return messages;
  }

  /**
   * {@code bytes[from, to)} as one read, in a direct buffer from the channel's allocator as a socket
   * delivers it: Netty's leak detector tracks those (it ignores unpooled heap buffers), so a frame
   * the pipeline forgets to release fails the test.
   */
  static ByteBuf read(EmbeddedChannel channel, byte[] bytes, int from, int to) {
    return read(channel, bytes, from, to, true);
  }

  /** {@code bytes[from, to)} as one read, in a direct or a heap buffer from the channel's allocator. */
  static ByteBuf read(EmbeddedChannel channel, byte[] bytes, int from, int to, boolean direct) {
    int capacity = Math.max(1, to - from);
    ByteBuf read = direct ? channel.alloc().directBuffer(capacity) : channel.alloc().heapBuffer(capacity);
    return read.writeBytes(bytes, from, to - from);
  }

  /** Feeds {@code bytes} in one read. */
  static void feed(EmbeddedChannel channel, byte[] bytes) {
    channel.writeInbound(read(channel, bytes, 0, bytes.length));
  }

  /** Feeds {@code bytes} one byte per read. */
  static void feedBytewise(EmbeddedChannel channel, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      channel.writeInbound(read(channel, bytes, i, i + 1));
    }
  }

  /** Feeds {@code bytes} in two reads, split at {@code at}. */
  static void feedSplit(EmbeddedChannel channel, byte[] bytes, int at) {
    channel.writeInbound(read(channel, bytes, 0, at));
    channel.writeInbound(read(channel, bytes, at, bytes.length));
  }

  /** One frame of the {@code length} framing around {@code payload}. */
  static byte[] lengthFrame(byte[] payload) {
    byte[] frame = new byte[4 + payload.length];
    frame[0] = (byte) (payload.length >>> 24);
    frame[1] = (byte) (payload.length >>> 16);
    frame[2] = (byte) (payload.length >>> 8);
    frame[3] = (byte) payload.length;
    System.arraycopy(payload, 0, frame, 4, payload.length);
    return frame;
  }

  /** One frame of {@code format}'s framing around {@code payload}. */
  static byte[] frame(WireFormat format, byte[] payload) {
    return format.framing() == Framing.LENGTH ? lengthFrame(payload) : concat(payload, new byte[] {'\n'});
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
  }

  /** The payload bytes {@code codec} produces for {@code message}. */
  static byte[] payload(ChatCodec codec, Object message) {
    ByteBuf out = Unpooled.buffer();
    try {
      codec.encode(message, out);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }
}
