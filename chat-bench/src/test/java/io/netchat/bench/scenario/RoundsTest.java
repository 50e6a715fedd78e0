package io.netchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netchat.bench.report.FanoutFigures;
import io.netchat.bench.report.FanoutRun;
import io.netchat.bench.report.MedianRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundsTest {

  @Test
  void theMedianOfAnOddCountIsTheMiddleAndOfAnEvenOneTheMeanOfTheMiddleTwo() {
    assertThat(Rounds.median(new double[] {9, 1, 5})).isEqualTo(5);
    assertThat(Rounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Rounds.median(new double[0])).isZero();
  }

  @Test
  void eachRowIsDividedByTheFirstVariantsRowOfTheSameServer() {
    Map<String, List<FanoutRun>> rows = new LinkedHashMap<>();
    rows.put("epoll/netchat", List.of(run("netchat", 10), run("netchat", 30), run("netchat", 20)));
    rows.put("epoll/baseline", List.of(run("baseline", 5), run("baseline", 5), run("baseline", 5)));
    rows.put("io_uring/netchat", List.of(run("netchat", 40), run("netchat", 40), run("netchat", 90)));
    rows.put("io_uring/baseline", List.of(run("baseline", 10), run("baseline", 10), run("baseline", 1)));
    List<MedianRow> medians = Rounds.medians(rows, "epoll", true);
    assertThat(medians).extracting(MedianRow::label)
        .containsExactly("epoll/netchat", "epoll/baseline", "io_uring/netchat", "io_uring/baseline");
    assertThat(medians.get(0).p99Ms()).isEqualTo(20);
    assertThat(medians.get(0).p99Ratio()).isNull();
    assertThat(medians.get(2).reference()).isEqualTo("epoll/netchat");
    assertThat(medians.get(2).p99Ratio()).isCloseTo(2.0, within(1e-9));
    assertThat(medians.get(3).reference()).isEqualTo("epoll/baseline");
    assertThat(medians.get(3).p99Ratio()).isCloseTo(2.0, within(1e-9));
    assertThat(medians.get(0).serverJitPercent()).isEqualTo(1);
    assertThat(Rounds.table(medians)).contains("| io_uring/netchat | 3 |", "| 2.00 × |", "| 1.0 % |");
  }

  @Test
  void aTlsRowIsDividedByThePlainOne() {
    Map<String, List<FanoutRun>> rows = new LinkedHashMap<>();
    rows.put("plain", List.of(run("netchat", 10)));
    rows.put("tls", List.of(run("netchat-tls", 15)));
    List<MedianRow> medians = Rounds.medians(rows, "plain", false);
    assertThat(medians.get(1).reference()).isEqualTo("plain");
    assertThat(medians.get(1).p99Ratio()).isCloseTo(1.5, within(1e-9));
  }

  private static FanoutRun run(String target, double p99) {
    FanoutFigures window = new FanoutFigures(target, 1000, 1000, 1000, 100, p99 / 2, p99, p99 * 2, p99 * 3, 10, 10, 1,
        0, 0, Map.of(), 50, 1, 50, null, null, 5, 1, 1);
    return new FanoutRun(target, 100, 10, 5, window);
  }
}
