package io.netchat.server.auth;

import io.netchat.codec.ErrorCode;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.room.Names;
import io.netchat.store.AccountStore;
import io.netchat.store.StoredAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account rules of §15 over an {@link AccountStore}: log in, register, change a password, and
 * whether a nick is reserved. Hashing runs on the {@link HashingPool}; failed logins are throttled
 * per account and per address ({@link LoginThrottle}). Every method returns at once (it may be
 * called from an event loop); its future completes on a hashing or store thread, or fails with
 * an {@link AuthRefusal}. No password is ever logged or kept.
 */
public final class Accounts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final Supplier<AuthConfig> config;
  private final AccountStore store;
  private final PasswordHasher hasher;
  private final HashingPool pool;
  private final LoginThrottle throttle;
  private final Clock clock;
  /** Checked against when the account does not exist, so that a miss costs what a wrong password costs. */
  private volatile String decoy;

  Accounts(Supplier<AuthConfig> config, AccountStore store, PasswordHasher hasher, HashingPool pool,
      LoginThrottle throttle, Clock clock) {
    this.config = config;
    this.store = store;
    this.hasher = hasher;
    this.pool = pool;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Accounts in {@code store} under {@code config} (its {@code guests} and {@code registration}
   * read live; the hashing parameters, pool and throttle as they are now), failed logins timed by
   * {@code ticker} (nanoseconds).
   */
  public static Accounts create(Supplier<AuthConfig> config, AccountStore store, Clock clock, LongSupplier ticker) {
    AuthConfig auth = config.get();
    return new Accounts(config, store, new PasswordHasher(auth.password(), new SecureRandom()),
        new HashingPool(auth.hashing().threadsFor(Runtime.getRuntime().availableProcessors()), auth.hashing().queue()),
        new LoginThrottle(auth.loginThrottle(), ticker), clock);
  }

  /** Whether guests may log in (read live). */
  public boolean guestsAllowed() {
    return config.get().guests();
  }

  /** Whether {@code nick} belongs to an account. */
  public CompletableFuture<Boolean> reserved(String nick) {
    return store.find(Names.key(nick)).thenApply(account -> account != null);
  }

  /**
   * Logs in to the account {@code nick} with {@code password} from {@code address}: completes with
   * the account, or fails with {@code bad_credentials} (no such account, or a wrong password),
   * {@code rate_limited} (too many failures; nothing is checked) or {@code unavailable}.
   */
  public CompletableFuture<StoredAccount> login(String nick, String password, String address) {
    String name = Names.key(nick);
    long wait = throttle.waitMillis(name, address);
    if (wait > 0) {
      return CompletableFuture.failedFuture(AuthRefusal.throttled(wait));
    }
    return store.find(name).thenCompose(account -> pool.submit(() -> {
      boolean good;
      if (account == null) {
        hasher.verify(password, decoy()); // as long as a wrong password takes: a miss does not tell
        good = false;
      } else {
        good = hasher.verify(password, account.passwordHash());
      }
      if (!good) {
        throttle.failed(name, address);
        throw AuthRefusal.badCredentials();
      }
      throttle.succeeded(name);
      Instant now = now();
      store.seen(name, now);
      if (hasher.outdated(account.passwordHash())) {
        store.changePasswordHash(name, account.passwordHash(), hasher.hash(password));
      }
      return account.seenAt(now);
    }));
  }

  /**
   * Makes {@code nick} an account with {@code password}: fails with {@code forbidden} when
   * registration is closed, {@code bad_request} for a password shorter than {@code min_length},
   * {@code nick_reserved} when the nick is an account already, or {@code unavailable}.
   */
  public CompletableFuture<StoredAccount> register(String nick, String password) {
    AuthConfig auth = config.get();
    if (auth.registration() == AuthConfig.Registration.CLOSED) {
      return CompletableFuture.failedFuture(new AuthRefusal(ErrorCode.FORBIDDEN, "registration is closed", null));
    }
    CompletableFuture<StoredAccount> tooShort = checkLength(password);
    if (tooShort != null) {
      return tooShort;
    }
    return pool.submit(() -> new StoredAccount(Names.key(nick), nick, hasher.hash(password), now(), null))
        .thenCompose(account -> store.create(account).thenApply(created -> {
          if (!created) {
            throw new AuthRefusal(ErrorCode.NICK_RESERVED, "nick '" + nick + "' is an account already", null);
          }
          log.info("account {} registered", account.name());
          return account;
        }));
  }

  /**
   * Changes the password of {@code account} from {@code old} to {@code replacement}: fails with
   * {@code bad_credentials} when {@code old} is wrong (a failure the throttle counts, as a login's),
   * {@code rate_limited}, {@code bad_request} for a short new password, or {@code unavailable}.
   */
  public CompletableFuture<Void> changePassword(String account, String old, String replacement, String address) {
    CompletableFuture<Void> tooShort = checkLength(replacement);
    if (tooShort != null) {
      return tooShort;
    }
    long wait = throttle.waitMillis(account, address);
    if (wait > 0) {
      return CompletableFuture.failedFuture(AuthRefusal.throttled(wait));
    }
    return store.find(account).thenCompose(stored -> pool.submit(() -> {
      if (stored == null || !hasher.verify(old, stored.passwordHash())) {
        throttle.failed(account, address);
        throw AuthRefusal.badCredentials();
      }
      return new String[] {stored.passwordHash(), hasher.hash(replacement)};
    })).thenCompose(hashes -> store.changePasswordHash(account, hashes[0], hashes[1]).thenApply(changed -> {
      if (!changed) {
        throw new AuthRefusal(ErrorCode.BAD_CREDENTIALS, "the password changed meanwhile", null);
      }
      log.info("account {} changed its password", account);
      return null;
    }));
  }

  private <T> CompletableFuture<T> checkLength(String password) {
    int min = config.get().password().minLength();
    return password.length() >= min ? null : CompletableFuture.failedFuture(
        new AuthRefusal(ErrorCode.BAD_REQUEST, "a password needs at least " + min + " characters", null));
  }

  /** The decoy hash, made on first use (on a hashing thread). */
  private String decoy() {
    String d = decoy;
    if (d == null) {
      d = hasher.hash("decoy " + System.nanoTime());
      decoy = d;
    }
    return d;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Stops the hashing threads once the hashes in progress are done. */
  @Override
  public void close() {
    pool.close();
  }
}
