package io.netchat.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Errors seen by a run, by kind (an error code, "disconnect", "exception:IOException"…). Thread-safe. */
public final class ErrorCounts {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /** Counts one error of {@code kind}. */
  public void add(String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** All errors so far. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The counts by kind, sorted by name. */
  public Map<String, Long> byKind() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((kind, count) -> copy.put(kind, count.sum()));
    return copy;
  }

  /** Forgets every count. */
  public void clear() {
    counts.clear();
  }
}
