package io.netchat.server;

import io.netchat.server.admin.AdminServer;
import io.netchat.server.admin.ReadinessCheck;
import io.netchat.server.config.AdminConfig;
import io.netchat.server.metrics.DaemonMetrics;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's admin side for one running server: a Prometheus registry with the JVM's and the
 * server's meters, served with the health checks by an {@link AdminServer}. The server's own
 * readiness (listeners bound, not shutting down) and its store's (writable) are always checked;
 * further checks are passed in.
 */
final class AdminListener implements AutoCloseable {
  private final DaemonMetrics metrics;
  private final AdminServer admin;

  private AdminListener(DaemonMetrics metrics, AdminServer admin) {
    this.metrics = metrics;
    this.admin = admin;
  }

  /** Binds the admin listener of {@code config} for {@code server}; {@code extraChecks} join its readiness. */
  static AdminListener start(AdminConfig config, ChatServer server, List<ReadinessCheck> extraChecks) {
    DaemonMetrics metrics = new DaemonMetrics();
    server.bindMetrics(metrics.registry());
    List<ReadinessCheck> checks = new ArrayList<>();
    checks.add(server::notReadyBecause);
    checks.add(server::storeNotWritableBecause);
    checks.addAll(extraChecks);
    try {
      return new AdminListener(metrics, AdminServer.start(config, metrics::scrape, checks));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  InetSocketAddress address() {
    return admin.address();
  }

  /** Closes the listener, then the registry. Call after the server's own close, so that ready says 503 meanwhile. */
  @Override
  public void close() {
    admin.close();
    metrics.close();
  }
}
