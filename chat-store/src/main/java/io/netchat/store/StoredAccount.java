package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered account as the store keeps it.
 *
 * @param name the case-folded nick: the account's key and its name on the wire
 * @param display the nick as it was registered
 * @param passwordHash a self-describing hash string (algorithm, parameters, salt, hash), never the
 *     password; not shown by {@link #toString()}
 * @param created when the account was registered
 * @param lastSeen when it last logged in, or null
 */
public record StoredAccount(String name, String display, String passwordHash, Instant created, Instant lastSeen) {
  public StoredAccount {
    checkName(name);
    Objects.requireNonNull(display, "display");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(created, "created");
  }

  /** The same account with {@code hash} as its password hash. */
  public StoredAccount withPasswordHash(String hash) {
    return new StoredAccount(name, display, hash, created, lastSeen);
  }

  /** The same account, last seen at {@code at}. */
  public StoredAccount seenAt(Instant at) {
    return new StoredAccount(name, display, passwordHash, created, at);
  }

  /** Longest account name: a nick is at most 32 chars. */
  public static final int MAX_NAME_LENGTH = 32;

  /** Checks an account name; throws {@link IllegalArgumentException} naming the rule. */
  public static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("account name must be 1.." + MAX_NAME_LENGTH + " chars");
    }
  }

  @Override
  public String toString() {
    return "StoredAccount[name=" + name + ", display=" + display + ", created=" + created + ", lastSeen=" + lastSeen
        + "]";
  }
}
