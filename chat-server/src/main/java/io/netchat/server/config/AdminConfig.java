package io.netchat.server.config;

import java.time.Duration;

/**
 * The admin HTTP listener ({@code /metrics}, {@code /health/live}, {@code /health/ready}). It is
 * off unless {@code server.yaml} has an {@code admin} section; an empty section ({@code admin: {}})
 * takes these defaults. It never shares a port with a chat listener.
 *
 * @param host address to bind: an IP literal; keep it on loopback or a management network
 * @param port TCP port, 0 for an ephemeral one
 * @param maxConnections admin connections open at once; more are closed at accept
 * @param requestTimeout time a connection has to send its whole request; it is closed after
 */
public record AdminConfig(String host, int port, int maxConnections, Duration requestTimeout) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9090;
  public static final int DEFAULT_MAX_CONNECTIONS = 16;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Checks the host is an IP literal, the port a port, the cap and the timeout positive. */
  public AdminConfig {
    host = Check.ipLiteral("host", host);
    Check.port("port", port);
    Check.positive("max_connections", maxConnections);
    Check.positive("request_timeout", requestTimeout);
  }

  /** What {@code admin: {}} means: 127.0.0.1:9090, 16 connections, 5 s per request. */
  public static AdminConfig defaults() {
    return new AdminConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT);
  }

  public AdminConfig withPort(int newPort) {
    return new AdminConfig(host, newPort, maxConnections, requestTimeout);
  }
}
