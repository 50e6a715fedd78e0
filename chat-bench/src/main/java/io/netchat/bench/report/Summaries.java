package io.netchat.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line summary printed for each run. */
public final class Summaries {
  private Summaries() {}

  /** One line for {@code run} of {@code scenario}. */
  public static String line(String scenario, TargetRun run) {
    String head = String.format(Locale.ROOT, "%-6s %-8s start %.0fms", scenario, run.target(), run.serverStartMillis());
    if (run instanceof FanoutRun f) {
      return head + String.format(Locale.ROOT, " conns %d (%.0fms) ", f.connections(), f.connectMillis()) + window(f.window());
    }
    if (run instanceof IdleRun i) {
      return head + String.format(Locale.ROOT,
          " conns %d/%d connect+join %.0fms (p50 %.1fms p99 %.1fms) live heap/conn %s rss/conn %s errors %d",
          i.connected(), i.connections(), i.connectJoinMillis(), i.handshakeP50Ms(), i.handshakeP99Ms(),
          Ratios.orDash(i.liveHeapPerConnection(), Summaries::bytes), Ratios.orDash(i.rssPerConnection(), Summaries::bytes),
          i.errors());
    }
    SweepRun s = (SweepRun) run;
    return head + String.format(Locale.ROOT, " highest held %.0f/s (p99<=%.0fms, >=%.1f%% delivered) over %d steps%s%s",
        s.highestHeldRate(), s.p99BoundMs(), s.minDeliveredPercent(), s.steps().size(),
        s.overload() == null ? "" : "; overload " + window(s.overload()),
        s.serverAliveAfter() ? "" : "; SERVER DIED");
  }

  /** One line for a window, as used inside run lines and for sweep steps. */
  public static String window(FanoutFigures w) {
    return String.format(Locale.ROOT,
        "offered %.0f/s delivered %.0f/s (%.2f%%) p50 %.2fms p99 %.2fms p99.9 %.2fms max %.2fms unsent %d errors %d cpu %.0f%% (jit %.1f%%) gen %.0f%% warm-up %.0fs%s",
        w.offeredPerSecond(), w.deliveredPerSecond(), w.deliveredPercent(), w.p50Ms(), w.p99Ms(), w.p999Ms(),
        w.maxMs(), w.unsent(), w.errors(), w.serverCpuPercent(), w.serverJitPercent(), w.generatorCpuPercent(),
        w.warmupSeconds(), w.windows() > 1 ? " (window " + w.windows() + ")" : "");
  }

  /** The ratio line of a run, or an empty string when there is nothing to compare. */
  public static String ratios(String scenario, Map<String, Double> ratios) {
    List<String> parts = new ArrayList<>();
    for (Ratios.Comparison comparison : Ratios.COMPARISONS) {
      String pairs = pairs(ratios, comparison.prefix());
      if (!pairs.isEmpty()) {
        parts.add(comparison.numerator() + "/" + comparison.denominator() + " " + pairs);
      }
    }
    return parts.isEmpty() ? "" : String.format(Locale.ROOT, "%-6s ", scenario) + String.join("; ", parts);
  }

  /** The ratios named with {@code prefix} (shown without it); the empty prefix takes the unprefixed ones. */
  private static String pairs(Map<String, Double> ratios, String prefix) {
    return ratios.entrySet().stream()
        .filter(e -> prefix.isEmpty() ? e.getKey().indexOf('.') < 0 : e.getKey().startsWith(prefix))
        .map(e -> e.getKey().substring(prefix.length()) + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  static String bytes(long bytes) {
    return bytes < 10 * 1024 ? bytes + "B" : String.format(Locale.ROOT, "%.1fKiB", bytes / 1024.0);
  }
}
