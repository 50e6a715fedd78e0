package io.netchat.bench.scenario;

import io.netchat.bench.report.FanoutRun;
import io.netchat.bench.report.LatencyCurve;
import io.netchat.bench.report.MachineInfo;
import io.netchat.bench.report.MedianRow;
import io.netchat.bench.report.RoundsReport;
import io.netchat.bench.report.RunReport;
import io.netchat.bench.report.TargetRun;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Measures a fan-out load on several variants in alternating rounds — every variant once per
 * round, in the order given — so that a machine whose speed drifts (another build, the page
 * cache, the CPU's clock) spreads over all of them alike; then reports the median of each figure
 * per variant and server, as a ratio to the first variant's.
 */
public final class Rounds {
  private Rounds() {}

  /**
   * What a comparison produced.
   *
   * @param report the figures (the JSON result)
   * @param curves one pooled latency curve per median row, for the percentile plot
   */
  public record Outcome(RoundsReport report, List<LatencyCurve> curves) {}

  /**
   * Runs {@code spec} on each of {@code variants}, {@code rounds} times alternating.
   *
   * @param scenarios makes the scenario runner for one variant's settings
   */
  public static Outcome fanout(String scenario, List<Variant> variants, int rounds,
      FanoutSpec spec, Function<BenchSettings, Scenarios> scenarios, MachineInfo machine, String command,
      PrintStream out) {
    if (variants.isEmpty() || rounds < 1) {
      throw new IllegalArgumentException("a comparison needs a variant and a round");
    }
    String date = Instant.now().toString();
    List<RoundsReport.RoundRun> runs = new ArrayList<>();
    Map<String, List<FanoutRun>> byRow = new LinkedHashMap<>();
    Map<String, List<LatencyCurve>> curvesByRow = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (Variant variant : variants) {
        out.println(String.format(Locale.ROOT, "%s round %d/%d: %s", scenario, round, rounds, variant.label()));
        Scenarios runner = scenarios.apply(variant.settings());
        RunReport report = runner.fanout(spec);
        String which = "round " + round + " " + variant.label() + ": ";
        report.failures().forEach(f -> failures.add(which + f));
        boolean several = variant.settings().targets().size() > 1;
        List<LatencyCurve> curves = runner.curves(report);
        for (TargetRun run : report.runs()) {
          FanoutRun fanout = (FanoutRun) run;
          String row = several ? variant.label() + "/" + run.target() : variant.label();
          runs.add(new RoundsReport.RoundRun(round, variant.label(), fanout));
          byRow.computeIfAbsent(row, k -> new ArrayList<>()).add(fanout);
          curves.stream().filter(c -> c.label().equals(run.target()))
              .forEach(c -> curvesByRow.computeIfAbsent(row, k -> new ArrayList<>()).add(c));
        }
      }
    }
    List<MedianRow> medians = medians(byRow, variants.get(0).label(),
        variants.get(0).settings().targets().size() > 1);
    out.println(table(medians));
    Map<String, Object> parameters = new LinkedHashMap<>(spec.describe());
    Map<String, Object> described = new LinkedHashMap<>();
    variants.forEach(v -> described.put(v.label(), v.settings().describe()));
    parameters.put("variants", described);
    List<LatencyCurve> curves = new ArrayList<>();
    curvesByRow.forEach((row, list) -> curves.add(LatencyCurve.pooled(row + " (" + list.size() + " runs)", list)));
    return new Outcome(new RoundsReport(scenario, date, command, machine, parameters, rounds, runs, medians,
        failures), curves);
  }

  /** The median row of each row's runs, with ratios to the first variant's row of the same server. */
  static List<MedianRow> medians(Map<String, List<FanoutRun>> byRow, String firstVariant, boolean several) {
    Map<String, MedianRow> plain = new LinkedHashMap<>();
    byRow.forEach((row, list) -> plain.put(row, new MedianRow(row, null, list.size(),
        median(list.stream().mapToDouble(r -> r.window().deliveredPercent()).toArray()),
        median(list.stream().mapToDouble(r -> r.window().p50Ms()).toArray()),
        median(list.stream().mapToDouble(r -> r.window().p99Ms()).toArray()),
        median(list.stream().mapToDouble(r -> r.window().p999Ms()).toArray()),
        median(list.stream().mapToDouble(r -> r.window().serverCpuPercent()).toArray()),
        median(list.stream().mapToDouble(r -> r.window().serverJitPercent()).toArray()), null, null, null, null)));
    List<MedianRow> rows = new ArrayList<>();
    byRow.forEach((row, list) -> {
      String server = family(list.get(0).target());
      String referenceLabel = several ? firstVariant + "/" + server : firstVariant;
      MedianRow reference = plain.get(referenceLabel);
      MedianRow m = plain.get(row);
      if (reference == null || reference.label().equals(row)) {
        rows.add(m);
      } else {
        rows.add(new MedianRow(row, referenceLabel, m.runs(), m.deliveredPercent(), m.p50Ms(), m.p99Ms(),
            m.p999Ms(), m.serverCpuPercent(), m.serverJitPercent(), ratio(m.p50Ms(), reference.p50Ms()),
            ratio(m.p99Ms(), reference.p99Ms()), ratio(m.p999Ms(), reference.p999Ms()),
            ratio(m.deliveredPercent(), reference.deliveredPercent())));
      }
    });
    return rows;
  }

  /** The server a target label names, TLS or not: "netchat-tls" is netchat's family. */
  private static String family(String target) {
    return target.endsWith("-tls") ? target.substring(0, target.length() - 4) : target;
  }

  private static Double ratio(double value, double reference) {
    return reference > 0 ? value / reference : null;
  }

  /** The median (the mean of the middle two for an even count); 0 for none. */
  public static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The medians as a Markdown table, ratios to each row's reference. */
  public static String table(List<MedianRow> rows) {
    StringBuilder table = new StringBuilder(
        "| variant | runs | delivered | p50 ms | p99 ms | p99.9 ms | server CPU | its JIT | p50 ÷ ref | p99 ÷ ref | p99.9 ÷ ref | ref |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (MedianRow r : rows) {
      table.append(String.format(Locale.ROOT, "| %s | %d | %.2f %% | %.2f | %.2f | %.2f | %.0f %% | %.1f %% | %s | %s | %s | %s |%n",
          r.label(), r.runs(), r.deliveredPercent(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.serverCpuPercent(),
          r.serverJitPercent(),
          times(r.p50Ratio()), times(r.p99Ratio()), times(r.p999Ratio()), r.reference() == null ? "–" : r.reference()));
    }
    return table.toString();
  }

  private static String times(Double ratio) {
    return ratio == null ? "–" : String.format(Locale.ROOT, "%.2f ×", ratio);
  }
}
