package io.netchat.server.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin listener serves: {@code /metrics} (the registry's scrape), {@code /health/live}
 * (always 200 while the process answers) and {@code /health/ready} (200 when every readiness
 * check passes, else 503 with the reasons), and the worker thread they run on.
 */
final class AdminEndpoints {
  static final String METRICS = "/metrics";
  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";

  private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);

  private final Map<String, Supplier<FullHttpResponse>> byPath;
  private final Executor worker;

  AdminEndpoints(Supplier<String> metrics, List<ReadinessCheck> checks, Executor worker) {
    List<ReadinessCheck> readiness = List.copyOf(checks);
    this.worker = worker;
    this.byPath = Map.of(
        METRICS, () -> AdminResponses.text(HttpResponseStatus.OK, AdminResponses.METRICS_TYPE, metrics.get()),
        LIVE, () -> AdminResponses.status(HttpResponseStatus.OK, "up", List.of()),
        READY, () -> ready(readiness));
  }

  /** The endpoint at {@code path}, or {@code null}. */
  Supplier<FullHttpResponse> find(String path) {
    return byPath.get(path);
  }

  Executor worker() {
    return worker;
  }

  /** Runs {@code endpoint} (worker thread); a failure is a 500 and a log line, not a hung request. */
  FullHttpResponse answer(Supplier<FullHttpResponse> endpoint) {
    try {
      return endpoint.get();
    } catch (RuntimeException e) {
      log.warn("admin endpoint failed", e);
      return AdminResponses.refusal(HttpResponseStatus.INTERNAL_SERVER_ERROR);
    }
  }

  private static FullHttpResponse ready(List<ReadinessCheck> checks) {
    List<String> reasons = new ArrayList<>();
    for (ReadinessCheck check : checks) {
      check.notReadyBecause().ifPresent(reasons::add);
    }
    return reasons.isEmpty() ? AdminResponses.status(HttpResponseStatus.OK, "ready", reasons)
        : AdminResponses.status(HttpResponseStatus.SERVICE_UNAVAILABLE, "not_ready", reasons);
  }
}
