package io.netchat.server.auth;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs token checks off the event loops, so that RSA, EC and EdDSA signature work never holds one.
 * The server's queue is bounded: when it is full a check is refused at once
 * ({@link RejectedExecutionException}), and the client is told to retry ({@code unavailable}).
 */
public final class TokenWorkers implements AutoCloseable {
  /** Checks waiting for a thread at most. */
  static final int MAX_QUEUED = 1024;

  private final TokenVerifier verifier;
  private final Clock clock;
  private final Executor executor;

  /** Checks on {@code executor} (a test's may run them at once), at the present of {@code clock}. */
  public TokenWorkers(TokenVerifier verifier, Clock clock, Executor executor) {
    this.verifier = verifier;
    this.clock = clock;
    this.executor = executor;
  }

  /** Checks on {@code threadCount} daemon threads of their own, at most {@link #MAX_QUEUED} waiting. */
  public static TokenWorkers threads(TokenVerifier verifier, Clock clock, int threadCount) {
    AtomicInteger count = new AtomicInteger();
    // plain threads, not Netty's: a FastThreadLocalThread counts as an event loop to BlockHound, and these block on their queue
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "netchat-token-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new TokenWorkers(verifier, clock, new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED), factory));
  }

  /**
   * Checks {@code token} at the clock's present; the future fails with {@link TokenRefused} when it
   * logs nobody in. Throws {@link RejectedExecutionException} when the queue is full or closed.
   */
  public CompletableFuture<TokenClaims> verify(String token) {
    CompletableFuture<TokenClaims> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        result.complete(verifier.verify(token, clock.instant()));
      } catch (TokenRefused | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public void close() {
    if (executor instanceof ExecutorService threads) {
      threads.shutdownNow();
    }
  }
}
