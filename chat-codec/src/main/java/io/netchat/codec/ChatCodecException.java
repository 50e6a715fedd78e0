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
  private final String command;

  public ChatCodecException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ChatCodecException(ErrorCode code, String message, String re, Throwable cause) {
    this(code, message, re, null, cause);
  }

  private ChatCodecException(ErrorCode code, String message, String re, String command, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.re = re;
    this.command = command;
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code id} of the command that failed, or {@code null}. */
  public String re() {
    return re;
  }

  /** The type of the command that failed, when it could be read, or {@code null}. */
  public String command() {
    return command;
  }

  /** The same failure, now attributed to the command with the given id. */
  public ChatCodecException withRe(String id) {
    return id == null || id.equals(re) ? this : new ChatCodecException(code, getMessage(), id, command, getCause());
  }

  /** The same failure, now attributed to a command of type {@code type} (a wire name such as {@code "say"}). */
  public ChatCodecException withCommand(String type) {
    return type == null || type.equals(command) ? this : new ChatCodecException(code, getMessage(), re, type, getCause());
  }
}
