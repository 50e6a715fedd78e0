package io.netchat.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, which operators and tools ({@code systemctl reload}) send to ask a daemon to reload its
 * configuration. Without a handler the JVM exits with 129, which systemd counts as a failure.
 */
final class HangupSignal {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /**
   * Runs {@code onHangup} on each SIGHUP, on the JVM's signal thread (never an event loop); returns
   * false (and logs why at debug) where the platform has no SIGHUP.
   */
  static boolean onHangup(Runnable onHangup) {
    try {
      Signal.handle(new Signal("HUP"), signal -> onHangup.run());
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
      log.debug("SIGHUP cannot be handled here: {}", noSuchSignal.getMessage());
      return false;
    }
  }
}
