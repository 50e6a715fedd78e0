package io.netchat.bench.report;

/**
 * A fan-out scenario against one server.
 *
 * @param target "netchat" or "baseline"
 * @param serverStartMillis process launch to its "ready" line
 * @param connections connections that completed their handshake
 * @param connectMillis time to connect and join all of them
 * @param window the measured window
 */
public record FanoutRun(String target, double serverStartMillis, int connections, double connectMillis,
    FanoutFigures window) implements TargetRun {}
