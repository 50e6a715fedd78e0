package io.netchat.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sweep: the fan-out {@code load} at {@code startRate}, then each step {@code factor} times the
 * previous, at most {@code maxSteps} steps, until a step is not held (p99 above
 * {@code p99BoundMs} or less than {@code minDeliveredPercent} delivered). Then, unless
 * {@code overloadFactor} is 0, one more window at that many times the rate not held.
 */
public record SweepSpec(FanoutSpec load, double startRate, double factor, int maxSteps, double p99BoundMs,
    double minDeliveredPercent, double overloadFactor) {

  public SweepSpec {
    if (!(startRate > 0) || !(factor > 1) || maxSteps < 1 || maxSteps > 50) {
      throw new IllegalArgumentException("need start rate > 0, factor > 1 and 1..50 steps");
    }
    if (!(p99BoundMs > 0) || minDeliveredPercent < 0 || minDeliveredPercent > 100) {
      throw new IllegalArgumentException("need a positive p99 bound and a delivered share in 0..100");
    }
    if (overloadFactor != 0 && (overloadFactor < 1 || overloadFactor > 10)) {
      throw new IllegalArgumentException("overload factor must be 0 (off) or in 1..10: " + overloadFactor);
    }
  }

  /** The parameters as report entries. */
  public Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>(load.describe());
    map.remove("deliveriesPerSecond");
    map.remove("messagesPerSecond");
    map.put("startRate", startRate);
    map.put("factor", factor);
    map.put("maxSteps", maxSteps);
    map.put("p99BoundMs", p99BoundMs);
    map.put("minDeliveredPercent", minDeliveredPercent);
    map.put("overloadFactor", overloadFactor);
    return map;
  }
}
