package io.netchat.server.config;

import java.time.Duration;

/**
 * Connection timers. Build one from {@link #defaults()} with the {@code withX} methods: five
 * durations in a row are too easy to swap.
 *
 * @param hello time a new connection has to send {@code hello}
 * @param idle read silence after which the server sends {@code ping}
 * @param pong time to answer that ping (or send anything) before the connection is dropped
 * @param shutdownGrace time a graceful shutdown waits for goodbyes to flush
 * @param reconnectSpread a shutting-down server tells each 1.1 client to wait a random time of up
 *     to this before reconnecting ({@code bye{retry_after_ms}}), so that they do not all return at once
 */
public record TimeoutsConfig(Duration hello, Duration idle, Duration pong, Duration shutdownGrace,
    Duration reconnectSpread) {
  public static final Duration DEFAULT_HELLO = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PONG = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RECONNECT_SPREAD = Duration.ofSeconds(30);

  /** Checks every timer is positive. */
  public TimeoutsConfig {
    Check.positive("hello", hello);
    Check.positive("idle", idle);
    Check.positive("pong", pong);
    Check.positive("shutdown_grace", shutdownGrace);
    Check.positive("reconnect_spread", reconnectSpread);
  }

  /** The first four timers, with the default reconnect spread. */
  public TimeoutsConfig(Duration hello, Duration idle, Duration pong, Duration shutdownGrace) {
    this(hello, idle, pong, shutdownGrace, DEFAULT_RECONNECT_SPREAD);
  }

  public static TimeoutsConfig defaults() {
    return new TimeoutsConfig(DEFAULT_HELLO, DEFAULT_IDLE, DEFAULT_PONG, DEFAULT_SHUTDOWN_GRACE, DEFAULT_RECONNECT_SPREAD);
  }

  public TimeoutsConfig withHello(Duration newHello) {
    return new TimeoutsConfig(newHello, idle, pong, shutdownGrace, reconnectSpread);
  }

  public TimeoutsConfig withIdle(Duration newIdle) {
    return new TimeoutsConfig(hello, newIdle, pong, shutdownGrace, reconnectSpread);
  }

  public TimeoutsConfig withPong(Duration newPong) {
    return new TimeoutsConfig(hello, idle, newPong, shutdownGrace, reconnectSpread);
  }

  public TimeoutsConfig withReconnectSpread(Duration newReconnectSpread) {
    return new TimeoutsConfig(hello, idle, pong, shutdownGrace, newReconnectSpread);
  }

  public TimeoutsConfig withShutdownGrace(Duration newShutdownGrace) {
    return new TimeoutsConfig(hello, idle, pong, newShutdownGrace, reconnectSpread);
  }
}
