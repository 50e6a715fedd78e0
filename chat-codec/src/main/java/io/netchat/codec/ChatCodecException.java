package io.netchat.codec;

import io.netty.handler.codec.CodecException;

/**
 * A violation of the wire contract found while framing, decoding or validating a message. It
 * carries the typed {@link ErrorCode} to answer with and, when the offending command carried one,
 * its {@code id} so that the answer can name it in {@code re}.
 */
public final class ChatCodecException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String re;

  public ChatCodecException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ChatCodecException(ErrorCode code, String message, String re, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.re = re;
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code id} of the command that failed, or {@code null}. */
  public String re() {
    return re;
  }

  /** The same failure, now attributed to the command with the given id. */
  public ChatCodecException withRe(String id) {
    return id == null || id.equals(re) ? this : new ChatCodecException(code, getMessage(), id, getCause());
  }
}
