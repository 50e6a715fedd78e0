package io.netchat.bench.scenario;

import java.time.Duration;

/** Bounds on the phases of a run: every phase of every scenario is finite. */
final class PhaseBounds {
  /** The longest any single phase may be. */
  static final Duration MAX_PHASE = Duration.ofMinutes(10);

  private PhaseBounds() {}

  static void checkBounded(String name, Duration value) {
    if (value == null || value.isNegative() || value.compareTo(MAX_PHASE) > 0) {
      throw new IllegalArgumentException(name + " must be between 0 and " + MAX_PHASE + ": " + value);
    }
  }
}
