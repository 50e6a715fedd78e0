package io.netchat.bench.load;

/** Monotonic nanoseconds since the clock was made: the time base of every stamp in a run. */
public final class BenchClock {
  private final long origin = System.nanoTime();

  /** Nanoseconds since this clock was created (never negative). */
  public long now() {
    return System.nanoTime() - origin;
  }
}
