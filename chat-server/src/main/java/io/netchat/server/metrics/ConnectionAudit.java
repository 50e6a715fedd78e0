package io.netchat.server.metrics;

import io.netchat.codec.Durations;
import java.net.SocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection audit log (logger {@value #LOGGER}, level info): one line when a session logs in
 * and one when it ends — who, from where, on which listener, how long, why closed. Connections
 * that never log in are logged at debug only, so a flood of refused or silent connections cannot
 * flood this log (refusals have their own summarised lines).
 */
final class ConnectionAudit {
  static final String LOGGER = "netchat.audit";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private ConnectionAudit() {}

  static void hello(String nick, SocketAddress from, SocketAddress listener) {
    log.info("hello {} from {} on {}", nick, from, listener);
  }

  static void closed(String nick, SocketAddress from, SocketAddress listener, long openNanos, String reason) {
    String lasted = Durations.format(Duration.ofMillis(Math.max(0, openNanos / 1_000_000)));
    if (nick != null) {
      log.info("closed {} from {} on {} after {}: {}", nick, from, listener, lasted, reason);
    } else {
      log.debug("closed connection from {} on {} after {} without hello: {}", from, listener, lasted, reason);
    }
  }
}
