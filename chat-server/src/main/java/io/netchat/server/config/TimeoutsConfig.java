package io.netchat.server.config;

import java.time.Duration;

/**
 * Connection timers.
 *
 * @param hello time a new connection has to send {@code hello}
 * @param idle read silence after which the server sends {@code ping}
 * @param pong time to answer that ping (or send anything) before the connection is dropped
 * @param shutdownGrace time a graceful shutdown waits for goodbyes to flush
 */
public record TimeoutsConfig(Duration hello, Duration idle, Duration pong, Duration shutdownGrace) {
  public static final Duration DEFAULT_HELLO = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PONG = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  public static TimeoutsConfig defaults() {
    return new TimeoutsConfig(DEFAULT_HELLO, DEFAULT_IDLE, DEFAULT_PONG, DEFAULT_SHUTDOWN_GRACE);
  }
}
