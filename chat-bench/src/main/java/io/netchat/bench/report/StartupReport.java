package io.netchat.bench.report;

import io.netchat.bench.server.StartupProbe;
import java.util.List;

/**
 * Start-to-ready of the daemon over several starts ({@code netchat-bench startup}).
 *
 * @param date ISO-8601 UTC start
 * @param command the bench command line
 * @param machine where it ran
 * @param launcher the script started
 * @param javaHome JAVA_HOME given to it, or "default"
 * @param cache "on" (the launcher's class-data or AOT cache) or "off" ({@code NETCHAT_CDS=off})
 * @param starts every start, in order (the first may record the cache)
 * @param medianReadyMs median of the starts after the first: launch to the "ready" line
 * @param medianPortMs median of the starts after the first: launch to the first accepted connection
 * @param medianCpuMs median of the starts after the first: CPU time the server had used when ready
 * @param firstReadyMs the first start
 */
public record StartupReport(String date, String command, MachineInfo machine, String launcher, String javaHome,
    String cache, List<StartupProbe.Start> starts, double medianReadyMs, double medianPortMs, double medianCpuMs, double firstReadyMs) {

  public StartupReport {
    starts = List.copyOf(starts);
  }
}
