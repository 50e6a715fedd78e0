package io.netchat.server.auth;

import io.netchat.server.config.ConfigException;

/**
 * How users prove who they are ({@code auth:} in {@code server.yaml}). This record holds the token
 * settings only ({@code auth.token}); password accounts add theirs beside it.
 *
 * @param token logins with a JWT the application signed; off unless a key file is named
 */
public record AuthConfig(TokenConfig token) {

  public AuthConfig {
    if (token == null) {
      throw new ConfigException("token", null, "expected a mapping of settings (key: value)");
    }
  }

  /** No tokens accepted. */
  public static AuthConfig defaults() {
    return new AuthConfig(TokenConfig.defaults());
  }
}
