package io.netchat.bench.scenario;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.bench.report.FanoutFigures;
import io.netchat.bench.report.FanoutRun;
import io.netchat.bench.report.IdleRun;
import io.netchat.bench.report.MachineInfo;
import io.netchat.bench.report.RunReport;
import io.netchat.bench.report.SweepRun;
import io.netchat.bench.report.TargetRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeCheckTest {
  private static final MachineInfo MACHINE = new MachineInfo(2, 1, "cpu", "jvm", "os", false, "nio");
  private static final List<Target> BOTH = List.of(Target.NETCHAT, Target.BASELINE);

  private static FanoutFigures window(String target, long delivered) {
    return new FanoutFigures(target, 2000, 2000, delivered, 100, 1, 2, 3, 4, delivered, delivered, 10, 0, 0,
        Map.of(), 10, 0, 10, null, null, 1, 1, 1);
  }

  private static RunReport report(String scenario, List<TargetRun> runs, List<String> failures) {
    return new RunReport(scenario, "2026-01-01T00:00:00Z", "smoke", MACHINE, Map.of(), runs, Map.of(), failures);
  }

  @Test
  void healthyRunsHaveNoProblems() {
    List<RunReport> reports = List.of(
        report("fanout", List.of(new FanoutRun("netchat", 1, 20, 1, window("netchat", 100)),
            new FanoutRun("baseline", 1, 20, 1, window("baseline", 100))), List.of()),
        report("idle", List.of(
            new IdleRun("netchat", 1, 200, 200, 10, 1, 2, null, null, null, null, null, null, 0, 0, Map.of()),
            new IdleRun("baseline", 1, 200, 200, 10, 1, 2, null, null, null, null, null, null, 0, 0, Map.of())),
            List.of()),
        report("sweep", List.of(
            new SweepRun("netchat", 1, 1000, 90, 2000, List.of(window("netchat", 10)), null, true),
            new SweepRun("baseline", 1, 1000, 90, 2000, List.of(window("baseline", 10)), null, true)), List.of()));
    assertThat(SmokeCheck.problems(reports, BOTH)).isEmpty();
  }

  @Test
  void reportsFailuresMissingTargetsAndRunsThatMovedNothing() {
    List<RunReport> reports = List.of(
        report("fanout", List.of(new FanoutRun("baseline", 1, 20, 1, window("baseline", 0))),
            List.of("netchat: no server jar")),
        report("idle", List.of(
            new IdleRun("netchat", 1, 200, 150, 10, 1, 2, null, null, null, null, null, null, 0, 0, Map.of())),
            List.of()),
        report("sweep", List.of(new SweepRun("netchat", 1, 1000, 90, 0, List.of(), null, false)), List.of()));
    assertThat(SmokeCheck.problems(reports, List.of(Target.NETCHAT, Target.BASELINE))).containsExactly(
        "fanout: netchat: no server jar",
        "fanout: no result for netchat",
        "fanout baseline: nothing delivered",
        "idle netchat: only 150 of 200 connected",
        "idle: no result for baseline",
        "sweep netchat: the sweep delivered nothing",
        "sweep: no result for baseline");
  }

  @Test
  void withoutNgircdTheIrcRunIsSkippedWithALineAndFailsOnlyUnderCi() {
    Path missing = Path.of("/nonexistent/ngircd");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> problems = new ArrayList<>();
    assertThat(SmokeCheck.runIrc(null, missing, false, problems, new PrintStream(bytes, true, UTF_8))).isEmpty();
    assertThat(bytes.toString(UTF_8)).contains("smoke: IRC fan-out against ngIRCd: skipped, no ngIRCd at "
        + missing);
    assertThat(problems).isEmpty();

    assertThat(SmokeCheck.runIrc(null, missing, true, problems, new PrintStream(new ByteArrayOutputStream()))).isEmpty();
    assertThat(problems).singleElement().asString().contains("skipped", "CI=true needs it");
  }

  @Test
  void theIrcSmokeKeepsEveryPublisherWithinNgircdsOneMessageASecond() {
    FanoutSpec irc = SmokeCheck.IRC_FANOUT;
    assertThat(irc.deliveriesPerSecond() / irc.members() / irc.publishers()).isLessThanOrEqualTo(1.0);
  }
}
