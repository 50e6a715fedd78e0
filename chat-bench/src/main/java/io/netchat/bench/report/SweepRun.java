package io.netchat.bench.report;

import java.util.List;

/**
 * The sweep against one server: fan-out windows at rising offered rates.
 *
 * @param target "netchat" or "baseline"
 * @param serverStartMillis process launch to its "ready" line
 * @param p99BoundMs a rate is held while its p99 stays within this bound…
 * @param minDeliveredPercent …and at least this share of deliveries arrives
 * @param highestHeldRate highest offered deliveries/s held, 0 if none
 * @param steps every window, in order
 * @param overload a window offered far past the first rate not held, to show memory stays
 *     bounded; null when skipped
 * @param serverAliveAfter whether the server process was still running at the end
 */
public record SweepRun(String target, double serverStartMillis, double p99BoundMs, double minDeliveredPercent,
    double highestHeldRate, List<FanoutFigures> steps, FanoutFigures overload, boolean serverAliveAfter)
    implements TargetRun {

  public SweepRun {
    steps = List.copyOf(steps);
  }
}
