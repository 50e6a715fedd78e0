package io.netchat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ErrorCode;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.LoginThrottleConfig;
import io.netchat.store.MemoryAccounts;
import io.netchat.store.StoredAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account rules over a memory store, failed logins timed on virtual time. */
class AccountsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private final AtomicLong ticker = new AtomicLong();
  private final MemoryAccounts store = new MemoryAccounts(100, () -> false);
  private final AuthConfig config = AuthConfig.defaults().withPassword(PasswordHasherTest.CHEAP)
      .withLoginThrottle(new LoginThrottleConfig(2, Duration.ofSeconds(10), Duration.ofMinutes(1),
          Duration.ofMinutes(15), 1000));
  private final Accounts accounts = new Accounts(() -> config, store, new PasswordHasher(config.password(),
      new SecureRandom()), new HashingPool(1, 8), new LoginThrottle(config.loginThrottle(), ticker::get),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void close() {
    accounts.close();
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private static AuthRefusal refusal(CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return AuthRefusal.of(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("not refused");
  }

  @Test
  void registerThenLogInAndTheStoreHoldsOnlyAHash() throws Exception {
    StoredAccount made = get(accounts.register("Alice", "correct horse"));
    assertThat(made.name()).isEqualTo("alice");
    assertThat(made.display()).isEqualTo("Alice");
    assertThat(get(store.find("alice")).passwordHash()).startsWith("$argon2id$").doesNotContain("correct horse");
    assertThat(get(accounts.reserved("ALICE"))).isTrue();
    assertThat(get(accounts.reserved("bob"))).isFalse();
    StoredAccount in = get(accounts.login("alice", "correct horse", "10.0.0.1"));
    assertThat(in.lastSeen()).isEqualTo(NOW);
    assertThat(get(store.find("alice")).lastSeen()).isEqualTo(NOW);
    assertThat(refusal(accounts.register("alice", "another one")).code()).isEqualTo(ErrorCode.NICK_RESERVED);
  }

  @Test
  void anUnknownAccountAndAWrongPasswordAreTheSameRefusal() throws Exception {
    get(accounts.register("bob", "correct horse"));
    AuthRefusal wrong = refusal(accounts.login("bob", "nope nope", "10.0.0.1"));
    AuthRefusal unknown = refusal(accounts.login("nobody", "nope nope", "10.0.0.2"));
    assertThat(wrong.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
    assertThat(unknown.error("1", "hello")).isEqualTo(wrong.error("1", "hello"));
  }

  @Test
  void failuresPastTheFreeOnesWaitOnVirtualTimeAndTheRightPasswordWaitsToo() throws Exception {
    get(accounts.register("carol", "correct horse"));
    for (int i = 0; i < 3; i++) {
      assertThat(refusal(accounts.login("carol", "guess " + i, "10.0.0.1")).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
    }
    AuthRefusal throttled = refusal(accounts.login("carol", "correct horse", "10.0.0.9"));
    assertThat(throttled.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(throttled.error("1", "hello").retryAfterMs()).isEqualTo(10_000L);
    ticker.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(refusal(accounts.login("carol", "correct horse", "10.0.0.9")).error(null, null).retryAfterMs())
        .isEqualTo(6_000L);
    ticker.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(get(accounts.login("carol", "correct horse", "10.0.0.9")).name()).isEqualTo("carol");
    assertThat(refusal(accounts.login("carol", "guess again", "10.0.0.9")).code())
        .as("a good login cleared the account's count").isEqualTo(ErrorCode.BAD_CREDENTIALS);
  }

  @Test
  void passwdChecksTheOldPasswordAndIsThrottledLikeALogin() throws Exception {
    get(accounts.register("dave", "correct horse"));
    assertThat(refusal(accounts.changePassword("dave", "wrong", "battery staple", "10.0.0.1")).code())
        .isEqualTo(ErrorCode.BAD_CREDENTIALS);
    assertThat(refusal(accounts.changePassword("dave", "correct horse", "short", "10.0.0.1")).code())
        .isEqualTo(ErrorCode.BAD_REQUEST);
    get(accounts.changePassword("dave", "correct horse", "battery staple", "10.0.0.1"));
    assertThat(get(accounts.login("dave", "battery staple", "10.0.0.1")).name()).isEqualTo("dave");
    refusal(accounts.changePassword("dave", "wrong", "battery staple", "10.0.0.1"));
    refusal(accounts.changePassword("dave", "wrong", "battery staple", "10.0.0.1"));
    assertThat(refusal(accounts.changePassword("dave", "battery staple", "x".repeat(9), "10.0.0.1")).code())
        .isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void aHashWithOldParametersIsRehashedAtLogin() throws Exception {
    String old = new PasswordHasher(new io.netchat.server.config.PasswordConfig(128, 1, 1, 8), new SecureRandom())
        .hash("correct horse");
    get(store.create(new StoredAccount("erin", "erin", old, NOW, null)));
    get(accounts.login("erin", "correct horse", "10.0.0.1"));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> get(store.find("erin")).passwordHash().startsWith("$argon2id$v=19$m=64,t=1,p=1$"));
    assertThat(get(accounts.login("erin", "correct horse", "10.0.0.1")).name()).isEqualTo("erin");
  }

  @Test
  void aFullHashingPoolIsUnavailableNotAWrongPassword() {
    assertThat(AuthRefusal.of(new java.util.concurrent.CompletionException(new HashingPool.Full("full"))).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(AuthRefusal.of(new io.netchat.store.StoreUnavailableException(
        io.netchat.store.StoreUnavailableException.Reason.QUEUE_FULL, "full")).error("1", "hello").temporary()).isTrue();
  }
}
