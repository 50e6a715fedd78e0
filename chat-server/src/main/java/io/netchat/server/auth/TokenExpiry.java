package io.netchat.server.auth;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The end of a token session: one task on the session's event loop at the token's {@code exp}
 * (plus skew), moved by each {@code refresh} and cancelled when the connection closes. Event loop
 * only.
 */
public final class TokenExpiry {
  private ScheduledFuture<?> task;

  /** Runs {@code expire} on {@code loop} at {@code validUntil} by {@code clock}, in place of any earlier deadline. */
  public void schedule(EventLoop loop, Clock clock, Instant validUntil, Runnable expire) {
    cancel();
    long delay = Math.max(0, Duration.between(clock.instant(), validUntil).toMillis());
    task = loop.schedule(expire, delay, TimeUnit.MILLISECONDS);
  }

  /** Drops the deadline, if any. */
  public void cancel() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /** Whether a deadline is set and has not passed. */
  public boolean pending() {
    return task != null && !task.isDone();
  }
}
