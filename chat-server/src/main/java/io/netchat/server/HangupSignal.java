package io.netchat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    if (ignoredSinceStart()) {
      log.warn("SIGHUP is ignored by this process (inherited from its parent, e.g. nohup): a SIGHUP will not"
          + " reload the configuration; start the server without it ignored, or restart to apply changes");
      return false;
    }
    try {
      Signal.handle(new Signal("HUP"), signal -> onHangup.run());
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException noSuchSignal) {
      log.debug("SIGHUP cannot be handled here: {}", noSuchSignal.getMessage());
      return false;
    }
  }

  /**
   * Whether SIGHUP was ignored when the process started ({@code SigIgn} in {@code /proc/self/status},
   * where Linux has it): the JVM then installs no handler for it and a SIGHUP does nothing.
   */
  static boolean ignoredSinceStart() {
    return ignoresHangup(Path.of("/proc/self/status"));
  }

  /** Whether the {@code SigIgn} mask of a Linux {@code status} file has SIGHUP (signal 1) set; false without one. */
  static boolean ignoresHangup(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 1L) != 0;
        }
      }
    } catch (IOException | RuntimeException noProcfs) {
      log.debug("cannot read {}: {}", status, noProcfs.toString());
    }
    return false;
  }
}
