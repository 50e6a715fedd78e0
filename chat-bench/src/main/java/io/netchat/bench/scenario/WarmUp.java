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
 *
 * <p>A lull between two compilations can pass for quiet (the thresholds are counts of calls, so the
 * lower the rate, the longer the lulls): a measured window in which the compilers used more than
 * {@link #STEADY_WINDOW_SHARE} of a core counts as warm-up too, and after another quiet spell a new
 * window is measured, up to {@link #MAX_WINDOWS} in all.
 */
final class WarmUp {
  /** The longest step: how often the compilers are looked at. */
  static final Duration STEP = Duration.ofSeconds(1);
  /** Steps over which the compilers must have been quiet. */
  static final int QUIET_STEPS = 5;
  /** The share of one core the compilers may use over those steps and still count as quiet. */
  static final double QUIET_SHARE = 0.01;
  /** The share of one core the compilers may use in a measured window that is kept. */
  static final double STEADY_WINDOW_SHARE = 0.01;
  /** The most windows measured in one run: the last one is kept whatever its compilers did. */
  static final int MAX_WINDOWS = 3;

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

  /** Whether the warm-up may go on past the least (else it is fixed, and every window is kept). */
  private boolean adaptive() {
    return mostNanos > leastNanos;
  }

  /**
   * Whether to measure again after window number {@code windows} (from 1), in which the compilers
   * used {@code compilerSeconds} of its {@code nanos}; if so, the window counts as warm-up and a new
   * quiet spell is needed before the next one.
   */
  boolean measureAgain(int windows, long nanos, double compilerSeconds) {
    if (!adaptive() || windows >= MAX_WINDOWS || compilerSeconds <= STEADY_WINDOW_SHARE * nanos / 1e9) {
      return false;
    }
    elapsedNanos += nanos;
    recent.clear();
    return true;
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
