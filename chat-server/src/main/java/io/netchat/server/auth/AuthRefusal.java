package io.netchat.server.auth;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.util.concurrent.CompletionException;

/**
 * An account command refused: the code to answer with, a message for people (never a password),
 * and for {@code rate_limited} when to try again. Carries no stack trace: refusals are expected.
 */
public final class AuthRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Long retryAfterMillis;

  AuthRefusal(ErrorCode code, String message, Long retryAfterMillis) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterMillis = retryAfterMillis;
  }

  static AuthRefusal badCredentials() {
    return new AuthRefusal(ErrorCode.BAD_CREDENTIALS, "wrong nick or password", null);
  }

  static AuthRefusal throttled(long waitMillis) {
    return new AuthRefusal(ErrorCode.RATE_LIMITED, "too many failed logins; wait before trying again", waitMillis);
  }

  static AuthRefusal unavailable(String why) {
    return new AuthRefusal(ErrorCode.UNAVAILABLE, why + "; try again later", null);
  }

  public ErrorCode code() {
    return code;
  }

  /** The answer to the command {@code command} with id {@code id} (either may be null). */
  public ServerMessage.Error error(String id, String command) {
    return new ServerMessage.Error(id, code.wireName(), getMessage(), command, code.temporary() ? true : null,
        retryAfterMillis, null);
  }

  /** {@code failure} as a refusal: itself, or {@code unavailable} for a full hashing pool or store. */
  public static AuthRefusal of(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof AuthRefusal refusal) {
      return refusal;
    }
    if (cause instanceof HashingPool.Full) {
      return unavailable("the server is busy checking passwords");
    }
    if (cause instanceof io.netchat.store.StoreUnavailableException) {
      return unavailable("the account store cannot answer now");
    }
    throw new IllegalStateException("unexpected failure of an account command", cause);
  }
}
