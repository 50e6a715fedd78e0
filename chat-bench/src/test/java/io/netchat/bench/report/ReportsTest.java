package io.netchat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  private static final MachineInfo MACHINE = new MachineInfo(2, 1L << 34, "test cpu", "jvm 17", "Linux", true, "epoll");

  static FanoutFigures window(String target, double deliveredPerSecond, double p99) {
    return new FanoutFigures(target, 300_000, 300_000, deliveredPerSecond, 100.0 * deliveredPerSecond / 300_000,
        1.5, p99, p99 * 2, p99 * 3, 3_000_000, (long) (deliveredPerSecond * 10), 3000, 0, 0, Map.of(), 80, 1.5, 60,
        200_000_000L, null, 5, 1, 10);
  }

  @Test
  void ratiosDivideNetchatByTheBaseline() {
    List<TargetRun> runs = List.of(new FanoutRun("netchat", 900, 1000, 400, window("netchat", 270_000, 30)),
        new FanoutRun("baseline", 600, 1000, 200, window("baseline", 300_000, 10)));
    Map<String, Double> ratios = Ratios.of(runs);
    assertThat(ratios.get("deliveredPerSecond")).isCloseTo(0.9, within(1e-9));
    assertThat(ratios.get("p99Ms")).isCloseTo(3.0, within(1e-9));
    assertThat(ratios.get("serverStartMillis")).isCloseTo(1.5, within(1e-9));
    assertThat(ratios.get("connectMillis")).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void withTlsNetchatOverTlsIsAlsoDividedByPlaintextNetchat() {
    List<TargetRun> runs = List.of(new FanoutRun("netchat", 900, 1000, 400, window("netchat", 300_000, 30)),
        new FanoutRun("netchat-tls", 900, 1000, 800, window("netchat-tls", 300_000, 45)),
        new FanoutRun("baseline", 600, 1000, 200, window("baseline", 300_000, 10)));
    Map<String, Double> ratios = Ratios.of(runs);
    assertThat(ratios.get("p99Ms")).isCloseTo(3.0, within(1e-9));
    assertThat(ratios.get(Ratios.TLS_PREFIX + "p99Ms")).isCloseTo(1.5, within(1e-9));
    assertThat(ratios.get(Ratios.TLS_PREFIX + "connectMillis")).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void netchatsIrcAndJsonListenersAreEachDividedByNgircd() {
    List<TargetRun> runs = List.of(new FanoutRun("netchat", 900, 1000, 400, window("netchat", 300_000, 30)),
        new FanoutRun("netchat-irc", 900, 1000, 400, window("netchat-irc", 299_700, 20)),
        new FanoutRun("ngircd", 20, 1000, 2000, window("ngircd", 299_700, 40)));
    Map<String, Double> ratios = Ratios.of(runs);
    assertThat(ratios.get(Ratios.IRC_PREFIX + "p99Ms")).isCloseTo(0.5, within(1e-9));
    assertThat(ratios.get(Ratios.NGIRCD_PREFIX + "p99Ms")).isCloseTo(0.75, within(1e-9));
    assertThat(ratios.get(Ratios.IRC_PREFIX + "connectMillis")).isCloseTo(0.2, within(1e-9));
    assertThat(ratios).doesNotContainKey("p99Ms").doesNotContainKey(Ratios.TLS_PREFIX + "p99Ms");
    assertThat(Summaries.ratios("fanout", ratios))
        .contains("netchat-irc/ngircd ", "netchat/ngircd ", "p99Ms 0.500", "p99Ms 0.750")
        .doesNotContain("netchat/baseline");
  }

  @Test
  void noRatioWithoutBothRunsOrWithAZeroOrMissingBaselineFigure() {
    assertThat(Ratios.of(List.of(new FanoutRun("netchat", 900, 10, 4, window("netchat", 1, 1))))).isEmpty();
    IdleRun netchat = new IdleRun("netchat", 1, 10, 10, 100, 1, 2, 10L, 20L, 1L, null, null, null, 0.1, 0, Map.of());
    IdleRun baseline = new IdleRun("baseline", 1, 10, 10, 50, 1, 2, 10L, 10L, 0L, null, null, null, 0.1, 0, Map.of());
    Map<String, Double> ratios = Ratios.of(List.of(netchat, baseline));
    assertThat(ratios).containsKey("connectJoinMillis").doesNotContainKeys("liveHeapPerConnection", "rssPerConnection");
  }

  @Test
  void resultFileHoldsEveryFigureAsJson(@TempDir Path dir) throws Exception {
    List<TargetRun> runs = List.of(
        new SweepRun("netchat", 900, 100, 99, 480_000, List.of(window("netchat", 300_000, 5)), null, true),
        new SweepRun("baseline", 600, 100, 99, 600_000, List.of(window("baseline", 300_000, 4)), null, true));
    RunReport report = new RunReport("sweep", "2026-01-02T03:04:05.678Z", "netchat-bench sweep", MACHINE,
        Map.of("rooms", 1), runs, Ratios.of(runs), List.of());

    Path file = new ResultWriter(dir).write(report);
    assertThat(file.getFileName().toString()).isEqualTo("sweep-20260102-030405.json");
    Path second = new ResultWriter(dir).write(report);
    assertThat(second).isNotEqualTo(file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("scenario").asText()).isEqualTo("sweep");
    assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(json.get("runs")).hasSize(2);
    assertThat(json.get("runs").get(0).get("highestHeldRate").asDouble()).isEqualTo(480_000);
    assertThat(json.get("runs").get(0).get("steps").get(0).get("p99Ms").asDouble()).isEqualTo(5);
    assertThat(json.get("ratios").get("highestHeldRate").asDouble()).isCloseTo(0.8, within(1e-9));
    assertThat(json.get("failures")).isEmpty();
  }

  @Test
  void summaryLinesNameTheTargetAndTheKeyFigures() {
    String line = Summaries.line("fanout", new FanoutRun("netchat", 900, 1000, 400, window("netchat", 270_000, 30)));
    assertThat(line).contains("netchat", "delivered 270000/s", "(90.00%)", "p99 30.00ms");
    assertThat(Summaries.ratios("fanout", Map.of("p99Ms", 3.0))).contains("netchat/baseline", "p99Ms 3.000");
    assertThat(Summaries.ratios("fanout", Map.of())).isEmpty();
    assertThat(Summaries.ratios("fanout", Map.of("p99Ms", 3.0, Ratios.TLS_PREFIX + "p99Ms", 1.5)))
        .isEqualTo("fanout netchat/baseline p99Ms 3.000; netchat-tls/netchat p99Ms 1.500");
  }

  @Test
  void aWindowHoldsOnlyWithinBothBounds() {
    FanoutFigures good = window("netchat", 300_000, 50);
    assertThat(good.held(100, 99)).isTrue();
    assertThat(good.held(20, 99)).isFalse();
    assertThat(window("netchat", 270_000, 50).held(100, 99)).isFalse();
  }
}
