package io.netchat.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a scenario run produced: the JSON result file holds exactly this.
 *
 * @param scenario "fanout", "idle" or "sweep"
 * @param date ISO-8601 UTC start of the run
 * @param command the bench command line
 * @param machine where it ran
 * @param parameters the scenario's parameters
 * @param runs one entry per server measured
 * @param ratios netchat's figure divided by the baseline's, per figure name
 * @param failures what went wrong, empty when the run succeeded
 */
public record RunReport(String scenario, String date, String command, MachineInfo machine,
    Map<String, Object> parameters, List<TargetRun> runs, Map<String, Double> ratios, List<String> failures) {

  public RunReport {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    runs = List.copyOf(runs);
    ratios = Collections.unmodifiableMap(new TreeMap<>(ratios));
    failures = List.copyOf(failures);
  }
}
