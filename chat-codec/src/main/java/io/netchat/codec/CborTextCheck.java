package io.netchat.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Walks one CBOR data item (RFC 8949 §3) and checks that every text string is valid UTF-8, which
 * Jackson's CBOR parser does not: it would read the overlong {@code C0 AF} as {@code /}. Rejects
 * byte strings too, which the model never has and Jackson would read as base64 text. Reads the
 * payload in place (indexes only) and rejects nesting deeper than {@value #MAX_DEPTH}.
 */
final class CborTextCheck {
  /** Deeper than any message of the model; keeps the walk's stack small. */
  static final int MAX_DEPTH = 32;

  private static final int BYTES = 2;
  private static final int TEXT = 3;
  private static final int INDEFINITE = 31;
  private static final int BREAK = 0xFF;

  private final ByteBuf in;
  private int at;
  private final int end;

  private CborTextCheck(ByteBuf in) {
    this.in = in;
    this.at = in.readerIndex();
    this.end = in.writerIndex();
  }

  /**
   * Fails with {@code bad_json} on invalid UTF-8 in a text string or on a structure it cannot walk,
   * and with {@code bad_request} on a byte string.
   */
  static void check(ByteBuf payload) {
    CborTextCheck walker = new CborTextCheck(payload);
    while (walker.at < walker.end) {
      walker.item(0);
    }
  }

  private void item(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH);
    }
    int initial = readByte();
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (info == INDEFINITE) {
      indefinite(major, depth);
      return;
    }
    long argument = argument(info);
    switch (major) {
      case 0, 1, 7 -> { }
      case BYTES -> throw byteString();
      case TEXT -> text(argument);
      case 4 -> items(argument, depth);
      case 5 -> items(argument * 2, depth);
      case 6 -> item(depth + 1);
      default -> throw new AssertionError(major);
    }
  }

  private void indefinite(int major, int depth) {
    switch (major) {
      case BYTES -> throw byteString();
      case TEXT -> {
        while (peekByte() != BREAK) {
          int chunk = readByte();
          if (chunk >>> 5 != TEXT || (chunk & 0x1F) == INDEFINITE) {
            throw malformed("bad chunk in an indefinite-length text string");
          }
          text(argument(chunk & 0x1F));
        }
        at++;
      }
      case 4, 5 -> {
        while (peekByte() != BREAK) {
          item(depth + 1);
        }
        at++;
      }
      default -> throw malformed("unexpected break or indefinite length");
    }
  }

  private void items(long count, int depth) {
    for (long i = 0; i < count; i++) {
      item(depth + 1);
    }
  }

  private void text(long length) {
    int start = at;
    skip(length);
    if (!ByteBufUtil.isText(in, start, (int) length, StandardCharsets.UTF_8)) {
      throw new ChatCodecException(ErrorCode.BAD_JSON, "a text string is not valid UTF-8");
    }
  }

  private long argument(int info) {
    if (info < 24) {
      return info;
    }
    int bytes = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      default -> throw malformed("reserved additional information " + info);
    };
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value = value << 8 | readByte();
    }
    return value;
  }

  private void skip(long length) {
    if (length < 0 || length > end - at) {
      throw malformed("a length runs past the end of the frame");
    }
    at += (int) length;
  }

  private int readByte() {
    int b = peekByte();
    at++;
    return b;
  }

  private int peekByte() {
    if (at >= end) {
      throw malformed("truncated");
    }
    return in.getUnsignedByte(at);
  }

  private static ChatCodecException byteString() {
    return new ChatCodecException(ErrorCode.BAD_REQUEST, "a byte string where the model has none");
  }

  private static ChatCodecException malformed(String what) {
    return new ChatCodecException(ErrorCode.BAD_JSON, "malformed cbor: " + what);
  }
}
