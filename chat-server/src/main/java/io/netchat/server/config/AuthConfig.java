package io.netchat.server.config;

/**
 * Who may log in, and how (the {@code auth:} section; docs/PROTOCOL.md §15).
 *
 * @param guests whether {@code hello} without credentials is taken (a guest); when false it is
 *     refused with {@code bad_credentials}
 * @param registration whether guests may turn their nick into an account with {@code register}
 * @param password how passwords are hashed, and the shortest one {@code register} takes
 * @param hashing the threads that hash, off the event loops, and how many hashes may wait
 * @param loginThrottle how failed logins slow down further tries, per account and per address
 */
public record AuthConfig(boolean guests, Registration registration, PasswordConfig password, HashingConfig hashing,
    LoginThrottleConfig loginThrottle) {

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
  }

  public static AuthConfig defaults() {
    return new AuthConfig(true, Registration.OPEN, PasswordConfig.defaults(), HashingConfig.defaults(),
        LoginThrottleConfig.defaults());
  }

  public AuthConfig withGuests(boolean newGuests) {
    return new AuthConfig(newGuests, registration, password, hashing, loginThrottle);
  }

  public AuthConfig withRegistration(Registration newRegistration) {
    return new AuthConfig(guests, newRegistration, password, hashing, loginThrottle);
  }

  public AuthConfig withPassword(PasswordConfig newPassword) {
    return new AuthConfig(guests, registration, newPassword, hashing, loginThrottle);
  }

  public AuthConfig withLoginThrottle(LoginThrottleConfig newThrottle) {
    return new AuthConfig(guests, registration, password, hashing, newThrottle);
  }
}
