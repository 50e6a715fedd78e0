package io.netchat.codec.tls;

import java.nio.file.Path;

/**
 * A certificate or key file that cannot serve: unreadable, not PEM, the wrong kind of key, or a key
 * that does not belong to its certificate. The message names the file and says what to do.
 */
public final class TlsFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public TlsFileException(Path file, String problem) {
    this(file, problem, null);
  }

  public TlsFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** What is wrong with the file, without its name. */
  public String problem() {
    String message = getMessage();
    return message.substring(message.indexOf(": ") + 2);
  }
}
