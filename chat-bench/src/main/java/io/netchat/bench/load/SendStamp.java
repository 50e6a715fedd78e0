package io.netchat.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * The text of a bench message: {@code ~}, the intended send time as 16 hex digits, {@code ~}, then
 * {@code x} padding up to the wanted size. The marker byte cannot occur in nicks, rooms or
 * netchat's framing (see {@link #find} for IRC sources), and every codec, IRC too, carries text as
 * plain UTF-8 bytes, so a delivery is recognised and timed by scanning the raw frame, without
 * decoding it.
 */
public final class SendStamp {
  /** Marks the start and end of the stamp. */
  public static final byte MARKER = '~';
  /** Characters the stamp itself takes: the smallest text size. */
  public static final int LENGTH = 18;
  /** Returned by {@link #find} when a frame carries no stamp. */
  public static final long NONE = -1;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SendStamp() {}

  /** A text of {@code size} chars carrying {@code intendedNanos} (non-negative). */
  public static String text(long intendedNanos, int size) {
    if (intendedNanos < 0) {
      throw new IllegalArgumentException("intended time must be non-negative: " + intendedNanos);
    }
    if (size < LENGTH) {
      throw new IllegalArgumentException("text size must be at least " + LENGTH + ": " + size);
    }
    char[] chars = new char[size];
    chars[0] = (char) MARKER;
    for (int i = 16; i >= 1; i--) {
      chars[i] = HEX[(int) (intendedNanos & 0xF)];
      intendedNanos >>>= 4;
    }
    chars[17] = (char) MARKER;
    java.util.Arrays.fill(chars, LENGTH, size, 'x');
    return new String(chars);
  }

  /**
   * The intended send time stamped in {@code frame}'s readable bytes, or {@link #NONE}. A marker
   * that does not open a stamp (an IRC source such as {@code ~b1@127.0.0.1}, where the server
   * marks an unverified user name with it) is skipped and the search goes on after it.
   */
  public static long find(ByteBuf frame) {
    int end = frame.writerIndex();
    int at = frame.indexOf(frame.readerIndex(), end, MARKER);
    while (at >= 0 && at + LENGTH <= end) {
      long value = stampAt(frame, at);
      if (value != NONE) {
        return value;
      }
      at = frame.indexOf(at + 1, end, MARKER);
    }
    return NONE;
  }

  private static long stampAt(ByteBuf frame, int at) {
    if (frame.getByte(at + LENGTH - 1) != MARKER) {
      return NONE;
    }
    long value = 0;
    for (int i = at + 1; i < at + LENGTH - 1; i++) {
      int digit = Character.digit(frame.getByte(i), 16);
      if (digit < 0) {
        return NONE;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
