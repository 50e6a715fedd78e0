package io.netchat.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one event loop saw of a measured window: deliveries offered and received whose
 * <em>intended</em> send time falls in {@code [start, end)}, their latency from that intended time,
 * and handshake times. Confined to one thread (its event loop); {@link #tally()} copies it out.
 */
public final class DeliveryStats {
  /** Longest latency recorded exactly; longer ones are clamped to it. */
  public static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram handshakeMicros = new Histogram(HIGHEST_MICROS, 3);
  private long windowStart;
  private long windowEnd;
  private long offered;
  private long delivered;
  private long outside;
  private long messages;
  private long unsent;

  /** Starts a new window over intended times {@code [start, end)}, forgetting the previous one. */
  public void window(long start, long end) {
    if (end < start) {
      throw new IllegalArgumentException("window ends before it starts");
    }
    windowStart = start;
    windowEnd = end;
    latencyMicros.reset();
    offered = 0;
    delivered = 0;
    outside = 0;
    messages = 0;
    unsent = 0;
  }

  /** A message intended at {@code intended} was due to {@code recipients}; {@code sent} if written. */
  public void offered(long intended, int recipients, boolean sent) {
    if (inWindow(intended)) {
      messages++;
      offered += recipients;
      if (!sent) {
        unsent++;
      }
    }
  }

  /** A stamped message intended at {@code intended} arrived at {@code now}. */
  public void delivered(long intended, long now) {
    if (inWindow(intended)) {
      delivered++;
      latencyMicros.recordValue(clamp(TimeUnit.NANOSECONDS.toMicros(Math.max(0, now - intended))));
    } else {
      outside++;
    }
  }

  /** Forgets the handshake times recorded so far. */
  public void forgetHandshakes() {
    handshakeMicros.reset();
  }

  /** A connection finished its handshake {@code nanos} after its connect began. */
  public void handshake(long nanos) {
    handshakeMicros.recordValue(clamp(TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos))));
  }

  /** A copy of the counts and histograms so far. */
  public Tally tally() {
    return new Tally(latencyMicros.copy(), handshakeMicros.copy(), offered, delivered, outside, messages, unsent);
  }

  private boolean inWindow(long intended) {
    return intended >= windowStart && intended < windowEnd;
  }

  private static long clamp(long micros) {
    return Math.min(micros, HIGHEST_MICROS);
  }
}
