package io.netchat.bench.report;

/** What one scenario measured against one server. */
public sealed interface TargetRun permits FanoutRun, IdleRun, SweepRun {
  /** "netchat" or "baseline". */
  String target();

  /** Process launch to its "ready" line, in milliseconds. */
  double serverStartMillis();
}
