package io.netchat.server.config;

import io.netchat.server.auth.TokenConfig;

/**
 * Who may log in, and how (the {@code auth:} section): guests and password accounts
 * (docs/PROTOCOL.md §15) and tokens the application signed (§16).
 *
 * @param guests whether {@code hello} without credentials is taken (a guest); when false it is
 *     refused with {@code bad_credentials}
 * @param registration whether guests may turn their nick into an account with {@code register}
 * @param password how passwords are hashed, and the shortest one {@code register} takes
 * @param hashing the threads that hash, off the event loops, and how many hashes may wait
 * @param loginThrottle how failed logins slow down further tries, per account and per address
 * @param token logins with a JWT the application signed ({@code auth.token}); off unless a key file is named
 */
public record AuthConfig(boolean guests, Registration registration, PasswordConfig password, HashingConfig hashing,
    LoginThrottleConfig loginThrottle, TokenConfig token) {

  /** {@code auth.registration}. */
  public enum Registration {
    /** Any guest may register its nick. */
    OPEN,
    /** {@code register} is refused ({@code forbidden}); accounts already stored still log in. */
    CLOSED
  }

  public AuthConfig {
    Check.present("registration", registration, "expected one of " + String.join(", ",
        ConfigMapper.names(Registration.class)));
    Check.present("password", password, "expected a mapping of settings (key: value)");
    Check.present("hashing", hashing, "expected a mapping of settings (key: value)");
    Check.present("login_throttle", loginThrottle, "expected a mapping of settings (key: value)");
    Check.present("token", token, "expected a mapping of settings (key: value)");
  }

  public static AuthConfig defaults() {
    return new AuthConfig(true, Registration.OPEN, PasswordConfig.defaults(), HashingConfig.defaults(),
        LoginThrottleConfig.defaults(), TokenConfig.defaults());
  }

  public AuthConfig withGuests(boolean newGuests) {
    return new AuthConfig(newGuests, registration, password, hashing, loginThrottle, token);
  }

  public AuthConfig withRegistration(Registration newRegistration) {
    return new AuthConfig(guests, newRegistration, password, hashing, loginThrottle, token);
  }

  public AuthConfig withPassword(PasswordConfig newPassword) {
    return new AuthConfig(guests, registration, newPassword, hashing, loginThrottle, token);
  }

  public AuthConfig withLoginThrottle(LoginThrottleConfig newThrottle) {
    return new AuthConfig(guests, registration, password, hashing, newThrottle, token);
  }

  public AuthConfig withToken(TokenConfig newToken) {
    return new AuthConfig(guests, registration, password, hashing, loginThrottle, newToken);
  }
}
