package io.netchat.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Figures of one target divided by another's measured in the same run: netchat over the baseline,
 * and, where both ran, netchat over TLS over plaintext netchat ({@code --tls}), netchat's IRC
 * listener over ngIRCd, and netchat's JSON listener over ngIRCd.
 */
public final class Ratios {
  /** Ratios of netchat over TLS to plaintext netchat ({@code --tls}) are named with this prefix. */
  public static final String TLS_PREFIX = "tlsToPlaintext.";
  /** Ratios of netchat's IRC listener to ngIRCd are named with this prefix. */
  public static final String IRC_PREFIX = "ircToNgircd.";
  /** Ratios of netchat's JSON listener to ngIRCd are named with this prefix. */
  public static final String NGIRCD_PREFIX = "netchatToNgircd.";

  /**
   * One ratio the reports give: {@code numerator}'s figures over {@code denominator}'s, named with
   * {@code prefix}.
   */
  public record Comparison(String numerator, String denominator, String prefix) {}

  /** Every comparison, in the order the ratio line shows them. */
  public static final List<Comparison> COMPARISONS = List.of(
      new Comparison("netchat", "baseline", ""),
      new Comparison("netchat-tls", "netchat", TLS_PREFIX),
      new Comparison("netchat-irc", "ngircd", IRC_PREFIX),
      new Comparison("netchat", "ngircd", NGIRCD_PREFIX));

  private Ratios() {}

  /**
   * For each comparison and each figure that both runs have, the numerator's value divided by the
   * denominator's (absent when either run is missing, either value is null, or the denominator's
   * is zero).
   */
  public static Map<String, Double> of(List<TargetRun> runs) {
    Map<String, Double> ratios = new TreeMap<>();
    for (Comparison comparison : COMPARISONS) {
      Map<String, Double> pair = new TreeMap<>();
      pair(pair, find(runs, comparison.numerator()), find(runs, comparison.denominator()));
      pair.forEach((name, value) -> ratios.put(comparison.prefix() + name, value));
    }
    return ratios;
  }

  private static void pair(Map<String, Double> ratios, Optional<TargetRun> numerator,
      Optional<TargetRun> denominator) {
    if (numerator.isEmpty() || denominator.isEmpty()) {
      return;
    }
    TargetRun n = numerator.get();
    TargetRun b = denominator.get();
    put(ratios, "serverStartMillis", n.serverStartMillis(), b.serverStartMillis());
    if (n instanceof FanoutRun nf && b instanceof FanoutRun bf) {
      window(ratios, nf.window(), bf.window());
      put(ratios, "connectMillis", nf.connectMillis(), bf.connectMillis());
    } else if (n instanceof IdleRun ni && b instanceof IdleRun bi) {
      put(ratios, "connectJoinMillis", ni.connectJoinMillis(), bi.connectJoinMillis());
      put(ratios, "handshakeP99Ms", ni.handshakeP99Ms(), bi.handshakeP99Ms());
      put(ratios, "liveHeapPerConnection", ni.liveHeapPerConnection(), bi.liveHeapPerConnection());
      put(ratios, "rssPerConnection", ni.rssPerConnection(), bi.rssPerConnection());
    } else if (n instanceof SweepRun ns && b instanceof SweepRun bs) {
      put(ratios, "highestHeldRate", ns.highestHeldRate(), bs.highestHeldRate());
    }
  }

  private static void window(Map<String, Double> ratios, FanoutFigures n, FanoutFigures b) {
    put(ratios, "deliveredPerSecond", n.deliveredPerSecond(), b.deliveredPerSecond());
    put(ratios, "deliveredPercent", n.deliveredPercent(), b.deliveredPercent());
    put(ratios, "p50Ms", n.p50Ms(), b.p50Ms());
    put(ratios, "p99Ms", n.p99Ms(), b.p99Ms());
    put(ratios, "p999Ms", n.p999Ms(), b.p999Ms());
    put(ratios, "serverCpuPercent", n.serverCpuPercent(), b.serverCpuPercent());
  }

  private static Optional<TargetRun> find(List<TargetRun> runs, String target) {
    return runs.stream().filter(r -> r.target().equals(target)).findFirst();
  }

  private static <T extends Number> void put(Map<String, Double> ratios, String name, T n, T b) {
    if (n != null && b != null && b.doubleValue() != 0) {
      ratios.put(name, n.doubleValue() / b.doubleValue());
    }
  }

  /** {@code value} formatted with {@code format}, or "-" when null. */
  static <T> String orDash(T value, Function<T, String> format) {
    return value == null ? "-" : format.apply(value);
  }
}
