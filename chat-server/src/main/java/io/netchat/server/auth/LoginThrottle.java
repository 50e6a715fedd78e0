package io.netchat.server.auth;

import io.netchat.server.config.LoginThrottleConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed logins, counted per account and per client address apart (see {@link LoginThrottleConfig}
 * for the rule). Time comes from an injected nanosecond ticker, so tests run on virtual time.
 * Each table is bounded: a new entry past {@code max_tracked} drops the one that failed least
 * recently. Thread-safe; every call is a short step under the table's monitor, never a wait.
 */
public final class LoginThrottle {

  /** Failures in a row of one key, and when the last one was. */
  private static final class Count {
    int failures;
    long lastNanos;
  }

  private final LoginThrottleConfig config;
  private final LongSupplier nanoTime;
  private final Map<String, Count> accounts;
  private final Map<String, Count> addresses;

  public LoginThrottle(LoginThrottleConfig config, LongSupplier nanoTime) {
    this.config = config;
    this.nanoTime = nanoTime;
    this.accounts = table(config.maxTracked());
    this.addresses = table(config.maxTracked());
  }

  private static Map<String, Count> table(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
        return size() > max;
      }
    };
  }

  /**
   * How long a login to {@code account} from {@code address} must still wait, in milliseconds
   * (rounded up); 0 when it may be checked now. Either key may be null (not counted).
   */
  public long waitMillis(String account, String address) {
    long now = nanoTime.getAsLong();
    long nanos = Math.max(waitNanos(accounts, account, now), waitNanos(addresses, address, now));
    return nanos <= 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
  }

  /** A login to {@code account} from {@code address} failed. */
  public void failed(String account, String address) {
    long now = nanoTime.getAsLong();
    count(accounts, account, now);
    count(addresses, address, now);
  }

  /** A login to {@code account} succeeded: its count starts again (the address's does not). */
  public void succeeded(String account) {
    if (account != null) {
      synchronized (accounts) {
        accounts.remove(account);
      }
    }
  }

  /** Entries held now, accounts and addresses together (tests check the bound). */
  int tracked() {
    synchronized (accounts) {
      synchronized (addresses) {
        return accounts.size() + addresses.size();
      }
    }
  }

  private long waitNanos(Map<String, Count> table, String key, long now) {
    if (key == null) {
      return 0;
    }
    synchronized (table) {
      Count count = table.get(key);
      if (count == null) {
        return 0;
      }
      if (now - count.lastNanos >= config.forgetAfter().toNanos()) {
        table.remove(key);
        return 0;
      }
      return count.lastNanos + delayNanos(count.failures) - now;
    }
  }

  private void count(Map<String, Count> table, String key, long now) {
    if (key == null) {
      return;
    }
    synchronized (table) {
      Count count = table.get(key);
      if (count == null || now - count.lastNanos >= config.forgetAfter().toNanos()) {
        count = new Count();
        table.put(key, count);
      }
      count.failures = count.failures == Integer.MAX_VALUE ? count.failures : count.failures + 1;
      count.lastNanos = now;
    }
  }

  /** The wait after {@code failures} in a row: none for the free ones, then base, doubling, up to max. */
  long delayNanos(int failures) {
    int over = failures - config.freeFailures();
    if (over <= 0) {
      return 0;
    }
    long base = config.baseDelay().toNanos();
    long max = config.maxDelay().toNanos();
    int doublings = over - 1;
    return doublings >= 62 || base > (max >> Math.min(doublings, 62)) ? max : Math.min(max, base << doublings);
  }
}
