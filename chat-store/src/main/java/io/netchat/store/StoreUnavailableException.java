package io.netchat.store;

/**
 * The store cannot take or answer this request now; the server answers
 * {@code error{code:"unavailable"}} (temporary). Thrown without a stack trace of its own: a
 * full queue is an expected, frequent refusal, not a bug.
 */
public final class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Reason {
    /** The bounded queue is full: the disk is slower than the offered load. */
    QUEUE_FULL,
    /** The database failed (read-only, disk full, I/O error); retried with the next batch. */
    DISK,
    /** The store is closed or closing. */
    CLOSED
  }

  private final Reason reason;

  public StoreUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public StoreUnavailableException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** The failure for any call on a closed store. */
  public static StoreUnavailableException closed() {
    return new StoreUnavailableException(Reason.CLOSED, "store closed");
  }

  public Reason reason() {
    return reason;
  }
}
