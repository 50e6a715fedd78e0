package io.netchat.server.auth;

/**
 * A token that does not log anyone in. The message says why, for the client's
 * {@code error{bad_credentials}} and the log; it never quotes the token.
 */
public final class TokenRefused extends Exception {
  private static final long serialVersionUID = 1L;

  public TokenRefused(String reason) {
    super(reason, null, false, false);
  }
}
