package io.netchat.bench.scenario;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * When a fan-out's warm-up ends. A JVM server compiles the code each message runs through (decode,
 * the room, encode) when that code's invocation counts reach the JIT's thresholds: at ~550
 * messages a second (600k deliveries/s to 1,100 members) its last C2 compilations came 15–20 s
 * into the load, each taking the server's one core from its event loop for tens to hundreds of
 * milliseconds. A window measured then reads the compiler rather than the server, and a server
 * with more per-message code (netchat, against the baseline's none) reads worse for it. So the load
 * goes on, in steps, past the least warm-up until the server's compiler threads used at most
 * {@link #QUIET_SHARE} of a core over the last {@link #QUIET_STEPS} steps, or until the most
 * warm-up has passed. With the most equal to the least, the warm-up is exactly that long.
 */
final class WarmUp {
  /** The longest step: how often the compilers are looked at. */
  static final Duration STEP = Duration.ofSeconds(1);
  /** Steps over which the compilers must have been quiet. */
  static final int QUIET_STEPS = 3;
  /** The share of one core the compilers may use over those steps and still count as quiet. */
  static final double QUIET_SHARE = 0.01;

  private final long leastNanos;
  private final long mostNanos;
  private final ArrayDeque<Step> recent = new ArrayDeque<>();
  private long elapsedNanos;

  private record Step(long nanos, double compilerSeconds) {}

  WarmUp(Duration least, Duration most) {
    if (most.compareTo(least) < 0) {
      throw new IllegalArgumentException("most warm-up " + most + " is shorter than the least " + least);
    }
    this.leastNanos = least.toNanos();
    this.mostNanos = most.toNanos();
  }

  /** The length of the next step in nanoseconds, or 0 when the warm-up is over. */
  long nextStepNanos() {
    if (elapsedNanos >= mostNanos || (elapsedNanos >= leastNanos && quiet())) {
      return 0;
    }
    long step = STEP.toNanos();
    if (elapsedNanos < leastNanos) {
      step = Math.min(step, leastNanos - elapsedNanos);
    }
    return Math.min(step, mostNanos - elapsedNanos);
  }

  /** A step of {@code nanos} has passed, in which the server's compilers used {@code compilerSeconds}. */
  void stepped(long nanos, double compilerSeconds) {
    elapsedNanos += nanos;
    recent.addLast(new Step(nanos, Math.max(0, compilerSeconds)));
    if (recent.size() > QUIET_STEPS) {
      recent.removeFirst();
    }
  }

  /** Whether the compilers were quiet over the last {@link #QUIET_STEPS} steps. */
  boolean quiet() {
    if (recent.size() < QUIET_STEPS) {
      return false;
    }
    double compiler = 0;
    long nanos = 0;
    for (Step step : recent) {
      compiler += step.compilerSeconds();
      nanos += step.nanos();
    }
    return compiler <= QUIET_SHARE * nanos / 1e9;
  }

  /** How long the warm-up has lasted so far. */
  Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }
}
