package io.netchat.store;

/**
 * The store refuses to open: its message names the file and says what to do. The daemon prints
 * it and exits instead of starting on data it could damage.
 */
public final class StoreStartupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreStartupException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreStartupException(String message) {
    super(message);
  }
}
