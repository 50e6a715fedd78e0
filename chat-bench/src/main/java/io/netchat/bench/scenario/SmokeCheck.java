package io.netchat.bench.scenario;

import io.netchat.bench.report.FanoutRun;
import io.netchat.bench.report.IdleRun;
import io.netchat.bench.report.RoundsReport;
import io.netchat.bench.report.RunReport;
import io.netchat.codec.Transport;
import io.netchat.bench.report.SweepRun;
import io.netchat.bench.report.TargetRun;
import io.netchat.bench.server.NgircdConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A few seconds of each scenario, so that CI notices when the tool or a server stops working. It
 * checks that everything ran and moved data, not how fast: CI machines are too noisy for that.
 */
public final class SmokeCheck {
  /** Tiny fan-out: 2 rooms × 10, 4 publishers, 2,000 deliveries/s. */
  public static final FanoutSpec FANOUT = new FanoutSpec(2, 10, 4, 2_000, 128, Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofSeconds(2));
  /** The same, its warm-up going on past 0.5 s until the server's compilers are quiet, 2 s at most. */
  public static final FanoutSpec FANOUT_SETTLED = new FanoutSpec(2, 10, 4, 2_000, 128, Duration.ofMillis(500),
      Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
  /** Tiny idle: 200 connections in rooms of 10, measured after 50 that logged in, joined and left. */
  public static final IdleSpec IDLE = new IdleSpec(200, 10, Duration.ofMillis(200), 50);
  /** Tiny sweep: 1 room × 10, two steps from 1,000 deliveries/s, a lax bound, no overload window. */
  public static final SweepSpec SWEEP = new SweepSpec(new FanoutSpec(1, 10, 5, 1_000, 128, Duration.ofMillis(300),
      Duration.ofMillis(700), Duration.ofSeconds(2)), 1_000, 2, 2, 1_000, 90, 0);

  /**
   * Tiny IRC fan-out against netchat's IRC listener and ngIRCd: 1 room × 10, 10 publishers at 1 message/s each (ngIRCd's flood
   * control allows no more for long), 9 recipients a message.
   */
  public static final FanoutSpec IRC_FANOUT = new FanoutSpec(1, 10, 10, 10 * 10, 128, Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofSeconds(3));

  private SmokeCheck() {}

  /** Runs the three tiny scenarios (the smoke command then adds the comparisons and start-up). */
  public static List<RunReport> run(Scenarios scenarios) {
    return List.of(scenarios.fanout(FANOUT_SETTLED), scenarios.idle(IDLE), scenarios.sweep(SWEEP));
  }

  /**
   * The IRC fan-out against netchat's IRC listener and ngIRCd at {@code ngircd}, with its problems added to {@code problems};
   * when ngIRCd is not installed, nothing runs and {@code out} says so, which is a problem only
   * under CI ({@code ci}), where .ci/run installs it.
   */
  public static List<RunReport> runIrc(Scenarios scenarios, Path ngircd, boolean ci,
      List<String> problems, PrintStream out) {
    if (!NgircdConfig.installed(ngircd)) {
      String line = "IRC fan-out against ngIRCd: skipped, no ngIRCd at " + ngircd + " (Debian package ngircd)";
      out.println("smoke: " + line);
      if (ci) {
        problems.add(line + "; CI=true needs it");
      }
      return List.of();
    }
    List<Target> targets = List.of(Target.NETCHAT_IRC, Target.NGIRCD);
    List<RunReport> reports = List.of(scenarios.on(targets).fanout(IRC_FANOUT));
    problems.addAll(problems(reports, targets));
    return reports;
  }

  /** What is wrong with {@code reports}, given the targets that should have run; empty when all is well. */
  public static List<String> problems(List<RunReport> reports, List<Target> targets) {
    List<String> problems = new ArrayList<>();
    for (RunReport report : reports) {
      report.failures().forEach(f -> problems.add(report.scenario() + ": " + f));
      for (Target target : targets) {
        TargetRun run = report.runs().stream().filter(r -> r.target().equals(target.label())).findFirst().orElse(null);
        if (run == null) {
          problems.add(report.scenario() + ": no result for " + target.label());
          continue;
        }
        String problem = problem(run);
        if (problem != null) {
          problems.add(report.scenario() + " " + target.label() + ": " + problem);
        }
      }
    }
    return problems;
  }

  /**
   * What is wrong with a tiny comparison: it could not start, a run failed, fewer than
   * {@code expectedRuns} ran, or one delivered nothing.
   */
  public static List<String> problems(RoundsReport report, int expectedRuns) {
    List<String> problems = new ArrayList<>();
    if (report == null) {
      problems.add("a comparison could not start");
      return problems;
    }
    report.failures().forEach(f -> problems.add(report.scenario() + ": " + f));
    if (report.runs().size() < expectedRuns) {
      problems.add(report.scenario() + ": " + report.runs().size() + " of " + expectedRuns + " runs");
    }
    report.runs().stream().filter(r -> r.run().window().delivered() == 0)
        .forEach(r -> problems.add(report.scenario() + " " + r.variant() + "/" + r.run().target() + ": nothing delivered"));
    return problems;
  }

  /** The native transports this machine runs (epoll, io_uring), by config name; nio where neither does. */
  public static List<String> availableTransports() {
    List<String> available = java.util.stream.Stream.of(Transport.EPOLL, Transport.IO_URING)
        .filter(t -> t.unavailabilityReason() == null).map(Transport::wireName).toList();
    return available.isEmpty() ? List.of(Transport.NIO.wireName()) : available;
  }

  private static String problem(TargetRun run) {
    if (run instanceof FanoutRun f) {
      return f.window().delivered() == 0 ? "nothing delivered" : null;
    }
    if (run instanceof IdleRun i) {
      return i.connected() < i.connections() ? "only " + i.connected() + " of " + i.connections() + " connected" : null;
    }
    SweepRun s = (SweepRun) run;
    if (s.steps().isEmpty() || s.steps().get(0).delivered() == 0) {
      return "the sweep delivered nothing";
    }
    return s.serverAliveAfter() ? null : "server died";
  }
}
