package io.netchat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PercentilePlotTest {

  @Test
  void drawsOneLabelledLinePerCurveInWellFormedSvg() throws Exception {
    Histogram fast = new Histogram(3);
    Histogram slow = new Histogram(3);
    for (int i = 1; i <= 10_000; i++) {
      fast.recordValue(1_000 + i % 100);
      slow.recordValue(5_000 + i);
    }
    String svg = PercentilePlot.svg("fanout — netchat-bench <300k>", List.of(new LatencyCurve("netchat", fast),
        new LatencyCurve("baseline & co", slow)));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(2);
    assertThat(svg).contains(">fanout<", ">netchat-bench &lt;300k&gt;<", "baseline &amp; co", "99.9%", "99.999%", ">20<");
  }

  @Test
  void anEmptyCurveDrawsNoLineButKeepsItsLegend() {
    String svg = PercentilePlot.svg("t", List.of(new LatencyCurve("none", new Histogram(3))));
    assertThat(svg).doesNotContain("<path").contains(">none<");
  }

  @Test
  void theAxisTopIsOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(PercentilePlot.niceCeiling(15.01)).isEqualTo(20);
    assertThat(PercentilePlot.niceCeiling(0.3)).isEqualTo(0.5);
    assertThat(PercentilePlot.niceCeiling(100)).isEqualTo(100);
    assertThat(PercentilePlot.niceCeiling(0)).isEqualTo(1);
  }

  @Test
  void pooledCurvesHoldEveryValueOfEach() {
    Histogram a = new Histogram(3);
    a.recordValue(10);
    Histogram b = new Histogram(3);
    b.recordValue(20);
    b.recordValue(30);
    LatencyCurve pooled = LatencyCurve.pooled("both", List.of(new LatencyCurve("a", a), new LatencyCurve("b", b)));
    assertThat(pooled.micros().getTotalCount()).isEqualTo(3);
    assertThat(pooled.points(5)).isNotEmpty().last().satisfies(p -> assertThat(p[0]).isEqualTo(100.0));
  }
}
