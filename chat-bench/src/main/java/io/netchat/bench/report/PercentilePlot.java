package io.netchat.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws latency against percentile as an SVG, the way HdrHistogram plots are drawn: the x axis is
 * 1 / (1 − percentile) on a log scale (so 90 %, 99 %, 99.9 %, … are equally spaced), the y axis
 * latency in milliseconds, one line per {@link LatencyCurve}.
 */
public final class PercentilePlot {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 440;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 48;
  private static final int BOTTOM = 50;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  /** The last percentile on the x axis: 99.999 %. */
  private static final int NINES = 5;

  private PercentilePlot() {}

  /** Writes the plot of {@code curves}, titled {@code title}, to {@code file}. */
  public static void write(Path file, String title, List<LatencyCurve> curves) throws IOException {
    Files.writeString(file, svg(title, curves));
  }

  /** The SVG text. */
  public static String svg(String title, List<LatencyCurve> curves) {
    double maxMs = 0;
    for (LatencyCurve curve : curves) {
      maxMs = Math.max(maxMs, curve.micros().getMaxValue() / 1000.0);
    }
    double yTop = niceCeiling(maxMs);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    int split = title.indexOf(" — ");
    String head = split < 0 ? title : title.substring(0, split);
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", 16, escape(head)));
    if (split >= 0) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"33\" font-size=\"10\">%s</text>%n", 16,
          escape(title.substring(split + 3))));
    }
    for (int nines = 0; nines <= NINES; nines++) {
      double x = x(nines);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, TOP, x, HEIGHT - BOTTOM));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
          HEIGHT - BOTTOM + 16, percentLabel(nines)));
    }
    for (int i = 0; i <= 5; i++) {
      double ms = yTop * i / 5;
      double y = y(ms, yTop);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, y, WIDTH - RIGHT, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
          y + 4, number(ms)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
        (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
        + "text-anchor=\"middle\">latency (ms)</text>%n", (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2));
    for (int i = 0; i < curves.size(); i++) {
      LatencyCurve curve = curves.get(i);
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (double[] point : curve.points(5)) {
        double nines = point[0] >= 100 ? NINES : Math.min(NINES, -Math.log10(1 - point[0] / 100));
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(nines),
            y(point[1], yTop)));
      }
      if (path.length() > 0) {
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
            path, colour));
      }
      int ly = TOP + 10 + 18 * i;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"3\"/>%n", WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly, colour));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 38, ly + 4,
          escape(curve.label())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double x(double nines) {
    return LEFT + (WIDTH - LEFT - RIGHT) * nines / NINES;
  }

  private static double y(double ms, double yTop) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * Math.min(ms, yTop) / yTop;
  }

  private static String percentLabel(int nines) {
    if (nines == 0) {
      return "0%";
    }
    return String.format(Locale.ROOT, "%." + Math.max(0, nines - 2) + "f%%", 100 - 100 / Math.pow(10, nines));
  }

  /** The smallest 1, 2 or 5 × 10^k at or above {@code value} (1 when it is 0). */
  static double niceCeiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2g", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
