package io.netchat.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison measured in alternating rounds (every variant once per round, in order): each
 * run, and the medians with their ratios. The JSON result file of {@code features} and of
 * {@code fanout --rounds/--transport a,b} holds exactly this.
 *
 * @param scenario "features" or "fanout-rounds"
 * @param date ISO-8601 UTC start
 * @param command the bench command line
 * @param machine where it ran
 * @param parameters the load and settings
 * @param rounds rounds asked for
 * @param runs every run, in the order measured
 * @param medians one row per variant and server
 * @param failures what went wrong
 */
public record RoundsReport(String scenario, String date, String command, MachineInfo machine,
    Map<String, Object> parameters, int rounds, List<RoundRun> runs, List<MedianRow> medians,
    List<String> failures) {

  public RoundsReport {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    runs = List.copyOf(runs);
    medians = List.copyOf(medians);
    failures = List.copyOf(failures);
  }

  /**
   * One run of one round.
   *
   * @param round from 1
   * @param variant the variant's label
   * @param run what it measured
   */
  public record RoundRun(int round, String variant, FanoutRun run) {}
}
