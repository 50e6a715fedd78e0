package io.netchat.server.auth;

/**
 * A token that does not log anyone in. The message says why, for the client's
 * {@code error{bad_credentials}} and the log; it never quotes the token. {@link #expired()} tells
 * a token past its {@code exp} from one that is bad in any other way (the failed-logins count).
 */
public final class TokenRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean expired;

  public TokenRefused(String reason) {
    this(reason, false);
  }

  private TokenRefused(String reason, boolean expired) {
    super(reason, null, false, false);
    this.expired = expired;
  }

  /** A token past its {@code exp} (plus the skew). */
  static TokenRefused pastExpiry() {
    return new TokenRefused("the token has expired", true);
  }

  /** Whether the token was refused only for being past its {@code exp}. */
  public boolean expired() {
    return expired;
  }
}
