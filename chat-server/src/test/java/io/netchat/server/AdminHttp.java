package io.netchat.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client of the admin listener: GETs over java.net.http and a reader of the Prometheus text format. */
final class AdminHttp {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final InetSocketAddress address;

  AdminHttp(InetSocketAddress address) {
    this.address = address;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The value of the one sample of {@code name} whose labels include {@code labels} (name=value
   * pairs); fails when there is none or more than one.
   */
  static double value(String scrape, String name, String... labels) {
    Double found = null;
    for (String line : scrape.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches() || !sample.group(1).equals(name) || !hasLabels(sample.group(3), labels)) {
        continue;
      }
      if (found != null) {
        throw new AssertionError("more than one sample of " + name + " with " + String.join(",", labels));
      }
      found = Double.parseDouble(sample.group(4));
    }
    if (found == null) {
      throw new AssertionError("no sample of " + name + " with " + String.join(",", labels) + " in:\n" + scrape);
    }
    return found;
  }

  private static boolean hasLabels(String text, String... labels) {
    Map<String, String> present = new HashMap<>();
    Matcher label = LABEL.matcher(text == null ? "" : text);
    while (label.find()) {
      present.put(label.group(1), label.group(2));
    }
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(present.get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
