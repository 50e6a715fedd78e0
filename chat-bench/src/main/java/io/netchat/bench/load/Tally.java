package io.netchat.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Counts and histograms of one window, from one event loop or merged over all of them.
 *
 * @param latencyMicros delivery latency from the intended send time
 * @param handshakeMicros connect to end of handshake
 * @param offered deliveries due in the window (messages × recipients)
 * @param delivered deliveries received of messages intended in the window
 * @param outside stamped deliveries of messages intended outside the window
 * @param messages messages intended in the window
 * @param unsent of those, messages the generator could not write (connection closed or its
 *     outbound buffer full)
 */
public record Tally(Histogram latencyMicros, Histogram handshakeMicros, long offered, long delivered,
    long outside, long messages, long unsent) {

  /** An empty tally. */
  public static Tally empty() {
    return new Tally(new Histogram(DeliveryStats.HIGHEST_MICROS, 3),
        new Histogram(DeliveryStats.HIGHEST_MICROS, 3), 0, 0, 0, 0, 0);
  }

  /** The sum of this tally and {@code other}. */
  public Tally plus(Tally other) {
    Histogram latency = latencyMicros.copy();
    latency.add(other.latencyMicros);
    Histogram handshake = handshakeMicros.copy();
    handshake.add(other.handshakeMicros);
    return new Tally(latency, handshake, offered + other.offered, delivered + other.delivered,
        outside + other.outside, messages + other.messages, unsent + other.unsent);
  }

  /**
   * This tally with the messages the plan intended in the window counted as offered even if a
   * lagging generator never got to them: those count as unsent, so a stalled generator lowers
   * the delivered share instead of the offered rate.
   */
  public Tally withPlanned(long plannedMessages, long plannedOffered) {
    long skipped = Math.max(0, plannedMessages - messages);
    return new Tally(latencyMicros, handshakeMicros, Math.max(offered, plannedOffered), delivered, outside,
        Math.max(messages, plannedMessages), unsent + skipped);
  }

  /** Delivered as a percentage of offered (100 when nothing was offered). */
  public double deliveredPercent() {
    return offered == 0 ? 100.0 : 100.0 * delivered / offered;
  }

  /** The latency at {@code percentile} (0-100), in milliseconds; 0 when nothing was delivered. */
  public double latencyMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The longest latency, in milliseconds. */
  public double maxLatencyMillis() {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
  }
}
