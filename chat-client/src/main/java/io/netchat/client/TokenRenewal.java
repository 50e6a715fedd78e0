package io.netchat.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The token of a session that logs in with one (§16): asks the {@link TokenSource} off the event
 * loop, keeps the token last given (what a reconnect logs in with), and times the next renewal
 * before its {@code exp}. Event loop only, except where said.
 */
final class TokenRenewal {
  /** The shortest wait before a renewal: a token that is late is not asked for in a tight loop. */
  static final Duration MIN_WAIT = Duration.ofSeconds(1);

  private final TokenSource source;
  private final EventLoop loop;
  private final Clock clock;
  private String current;
  private ScheduledFuture<?> task;

  TokenRenewal(TokenSource source, EventLoop loop, Clock clock) {
    this.source = source;
    this.loop = loop;
    this.clock = clock;
  }

  /** Asks the source for a token on another thread; completes on the loop, holding it as current. */
  CompletableFuture<String> fetch() {
    CompletableFuture<String> result = new CompletableFuture<>();
    ForkJoinPool.commonPool().execute(() -> {
      String token;
      try {
        token = source.token();
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
        return;
      }
      try {
        loop.execute(() -> {
          current = token;
          result.complete(token);
        });
      } catch (RejectedExecutionException closed) {
        result.completeExceptionally(new ChatConnectionException("client closed", closed));
      }
    });
    return result;
  }

  /** The token the session logged in or last refreshed with, or null before the first fetch. */
  String current() {
    return current;
  }

  /** Runs {@code renew} before the current token's {@code exp}; nothing for a token without one. */
  void scheduleRenewal(Runnable renew) {
    cancel();
    Instant exp = current == null ? null : TokenTimes.expiry(current);
    if (exp == null) {
      return;
    }
    Duration wait = TokenTimes.renewAfter(clock.instant(), exp);
    task = loop.schedule(renew, Math.max(MIN_WAIT.toMillis(), wait.toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Drops a planned renewal (the connection is gone). */
  void cancel() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
