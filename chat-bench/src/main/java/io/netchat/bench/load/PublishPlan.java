package io.netchat.bench.load;

/**
 * When each message is meant to be sent: message {@code k} (from 0) at
 * {@code start + k / rate}, sent by publisher {@code k % publishers}, until {@code end}. Latency is
 * measured from these intended times, so a stalled generator or server shows up as latency
 * instead of silently lowering the offered rate.
 *
 * @param messagesPerSecond total offered rate over all publishers
 * @param publishers number of publishing connections
 * @param start intended time of message 0, in {@link BenchClock} nanoseconds
 * @param end no message is intended at or after this time
 */
public record PublishPlan(double messagesPerSecond, int publishers, long start, long end) {

  public PublishPlan {
    if (!(messagesPerSecond > 0) || messagesPerSecond > 10_000_000) {
      throw new IllegalArgumentException("messages per second must be in (0, 1e7]: " + messagesPerSecond);
    }
    if (publishers < 1) {
      throw new IllegalArgumentException("need at least one publisher: " + publishers);
    }
    if (end < start) {
      throw new IllegalArgumentException("end before start");
    }
  }

  /** Intended send time of message {@code k}. */
  public long intendedTime(long k) {
    return start + (long) (k * 1e9 / messagesPerSecond);
  }

  /** The publisher that sends message {@code k}. */
  public int publisherOf(long k) {
    return (int) (k % publishers);
  }

  /** How many messages are due by {@code now}: messages 0 .. result-1. */
  public long dueBy(long now) {
    long cut = Math.min(now, end - 1);
    if (cut < start) {
      return 0;
    }
    long count = (long) Math.floor((cut - start) * messagesPerSecond / 1e9) + 1;
    // Floating point may land one off at an exact boundary: settle on the intended times.
    while (count > 0 && intendedTime(count - 1) > cut) {
      count--;
    }
    while (intendedTime(count) <= cut) {
      count++;
    }
    return count;
  }

  /** Total messages this plan intends. */
  public long total() {
    return dueBy(end - 1);
  }
}
