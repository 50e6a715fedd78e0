package io.netchat.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One line of a percentile plot: a server's (or variant's) delivery latencies in microseconds.
 *
 * @param label the line's name in the legend
 * @param micros the latencies (a copy: the caller's histogram may go on counting)
 */
public record LatencyCurve(String label, Histogram micros) {

  public LatencyCurve {
    micros = micros.copy();
  }

  /** The pool of {@code curves} under {@code label}: every latency of each of them. */
  public static LatencyCurve pooled(String label, List<LatencyCurve> curves) {
    Histogram sum = new Histogram(3);
    curves.forEach(c -> sum.add(c.micros()));
    return new LatencyCurve(label, sum);
  }

  /**
   * The curve as (percentile, milliseconds) points, HdrHistogram's percentile iteration with
   * {@code ticksPerHalfDistance} points per halving of the distance to 100 %.
   */
  public List<double[]> points(int ticksPerHalfDistance) {
    List<double[]> points = new ArrayList<>();
    if (micros.getTotalCount() == 0) {
      return points;
    }
    for (HistogramIterationValue v : micros.percentiles(ticksPerHalfDistance)) {
      points.add(new double[] {v.getPercentileLevelIteratedTo(), v.getValueIteratedTo() / 1000.0});
    }
    return points;
  }
}
