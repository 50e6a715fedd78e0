package io.netchat.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, which operators and tools send to ask a daemon to reload. Without a handler the JVM
 * exits with 129, which systemd counts as a failure; until reloading exists the daemon logs that
 * it ignored the signal and keeps running.
 */
final class HangupSignal {
  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /** Installs the handler; returns false (and logs why at debug) where the platform has no SIGHUP. */
  static boolean ignoreWithALogLine() {
    try {
      Signal.handle(new Signal("HUP"), signal ->
          log.info("SIGHUP received: this version does not reload its configuration; restart to apply changes"));
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
      log.debug("SIGHUP cannot be handled here: {}", noSuchSignal.getMessage());
      return false;
    }
  }
}
