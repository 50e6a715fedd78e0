package io.netchat.bench.scenario;

import io.netchat.bench.load.SendStamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fan-out load: {@code rooms} × {@code members} connections, {@code publishers} of which say
 * texts of {@code textChars} at a total offered rate of {@code deliveriesPerSecond}
 * (messages/s × members); a warm-up of at least {@code warmup} that goes on, up to {@code warmupMax},
 * until the server's JIT compilers are quiet ({@link WarmUp}), then a {@code measure} window, then up
 * to {@code drain} for late deliveries.
 */
public record FanoutSpec(int rooms, int members, int publishers, double deliveriesPerSecond, int textChars,
    Duration warmup, Duration warmupMax, Duration measure, Duration drain) {

  /** The most connections one generator process opens (its file-descriptor limit is 20,000). */
  public static final int MAX_CONNECTIONS = 19_000;

  public FanoutSpec {
    if (rooms < 1 || members < 1) {
      throw new IllegalArgumentException("rooms and members must be positive");
    }
    if ((long) rooms * members > MAX_CONNECTIONS) {
      throw new IllegalArgumentException(rooms + " x " + members + " connections exceed " + MAX_CONNECTIONS);
    }
    if (publishers < 1 || publishers > rooms * members) {
      throw new IllegalArgumentException("publishers must be in 1.." + rooms * members + ": " + publishers);
    }
    if (!(deliveriesPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + deliveriesPerSecond);
    }
    if (textChars < SendStamp.LENGTH || textChars > 4096) {
      throw new IllegalArgumentException("text size must be in " + SendStamp.LENGTH + "..4096: " + textChars);
    }
    PhaseBounds.checkBounded("warmup", warmup);
    PhaseBounds.checkBounded("warmup-max", warmupMax);
    if (warmupMax.compareTo(warmup) < 0) {
      throw new IllegalArgumentException("the longest warm-up (" + warmupMax.toMillis() / 1000.0
          + " s) is shorter than the least (" + warmup.toMillis() / 1000.0 + " s)");
    }
    PhaseBounds.checkBounded("measure", measure);
    PhaseBounds.checkBounded("drain", drain);
    if (measure.isZero()) {
      throw new IllegalArgumentException("the measured window must not be empty");
    }
  }

  /** A load whose warm-up is exactly {@code warmup}, however busy the server's compilers are. */
  public FanoutSpec(int rooms, int members, int publishers, double deliveriesPerSecond, int textChars,
      Duration warmup, Duration measure, Duration drain) {
    this(rooms, members, publishers, deliveriesPerSecond, textChars, warmup, warmup, measure, drain);
  }

  /** Connections the load opens. */
  public int connections() {
    return rooms * members;
  }

  /** Messages offered per second over all publishers. */
  public double messagesPerSecond() {
    return deliveriesPerSecond / members;
  }

  /** The same load at another rate. */
  public FanoutSpec atRate(double rate) {
    return new FanoutSpec(rooms, members, publishers, rate, textChars, warmup, warmupMax, measure, drain);
  }

  /** The parameters as report entries. */
  public Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("rooms", rooms);
    map.put("members", members);
    map.put("publishers", publishers);
    map.put("deliveriesPerSecond", deliveriesPerSecond);
    map.put("messagesPerSecond", messagesPerSecond());
    map.put("textChars", textChars);
    map.put("warmupSeconds", warmup.toMillis() / 1000.0);
    map.put("warmupMaxSeconds", warmupMax.toMillis() / 1000.0);
    map.put("measureSeconds", measure.toMillis() / 1000.0);
    map.put("drainSeconds", drain.toMillis() / 1000.0);
    return map;
  }
}
