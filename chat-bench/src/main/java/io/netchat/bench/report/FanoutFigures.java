package io.netchat.bench.report;

import java.util.Map;

/**
 * One measured fan-out window against one server.
 *
 * @param target "netchat" or "baseline"
 * @param offeredRate deliveries/s the plan offered (messages/s × recipients)
 * @param offeredPerSecond deliveries due in the window, per second of window
 * @param deliveredPerSecond of those, deliveries received, per second of window
 * @param deliveredPercent delivered / offered × 100
 * @param p50Ms median latency from the intended send time
 * @param p99Ms 99th percentile latency
 * @param p999Ms 99.9th percentile latency
 * @param maxMs longest latency
 * @param offered deliveries due in the window
 * @param delivered deliveries received by the end of the drain
 * @param messages messages intended in the window
 * @param unsent messages the generator could not write (its buffer to the server was full)
 * @param errors errors and unexpected closes during the window
 * @param errorKinds those errors by kind
 * @param serverCpuPercent server process CPU over the window (100 = one core)
 * @param serverJitPercent the server's JIT compiler threads' share of that (100 = one core): above
 *     a few per cent, the window measured the compiler as much as the server
 * @param generatorCpuPercent generator process CPU over the window
 * @param serverRssBytes server resident memory after the window
 * @param serverHeapUsedBytes server heap in use after the window, garbage included, or null
 * @param warmupSeconds how long the load ran before the window
 * @param windows windows measured, the last one reported: more than one when the compilers were busy
 *     in the earlier ones (they then counted as warm-up)
 * @param windowSeconds length of the measured window
 */
public record FanoutFigures(String target, double offeredRate, double offeredPerSecond,
    double deliveredPerSecond, double deliveredPercent, double p50Ms, double p99Ms, double p999Ms,
    double maxMs, long offered, long delivered, long messages, long unsent, long errors,
    Map<String, Long> errorKinds, double serverCpuPercent, double serverJitPercent,
    double generatorCpuPercent, Long serverRssBytes, Long serverHeapUsedBytes, double warmupSeconds,
    int windows, double windowSeconds) {

  public FanoutFigures {
    errorKinds = Map.copyOf(errorKinds);
  }

  /** Whether this window held: p99 within {@code p99BoundMs} and at least {@code minPercent} delivered. */
  public boolean held(double p99BoundMs, double minPercent) {
    return delivered > 0 && p99Ms <= p99BoundMs && deliveredPercent >= minPercent;
  }
}
