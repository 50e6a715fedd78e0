package io.netchat.client;

import java.util.Arrays;

/**
 * The account name and password a client logs in with again after a lost connection. The password
 * is kept as a {@code char[]} that {@link #forget()} zeroes, and is made a {@code String} only for
 * the {@code hello} that sends it. Kept only while it may be needed: until the first login when
 * reconnect is off, until the client closes when it is on. Confined to the client's event loop;
 * {@link #toString()} never shows the password.
 */
final class Credentials {
  private String account;
  private char[] password;

  /** Keeps a copy of {@code secret} for {@code name}; the caller may clear its own array. */
  void remember(String name, char[] secret) {
    forget();
    account = name;
    password = secret.clone();
  }

  boolean present() {
    return password != null;
  }

  /** The account name the password belongs to (the nick it was registered as). */
  String account() {
    return account;
  }

  /** The password as the wire needs it, or null. */
  String password() {
    return password == null ? null : new String(password);
  }

  /** Zeroes and drops the password. */
  void forget() {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
    password = null;
    account = null;
  }

  @Override
  public String toString() {
    return "Credentials[account=" + account + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
