package io.netchat.server;

import io.netchat.server.config.ConfigDiff;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.DaemonConfig;
import io.netchat.server.config.ServerConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration file into a running daemon (on SIGHUP) without dropping a connection:
 * the file is read and checked as at start-up (a bad file changes nothing), the live settings
 * ({@link LiveSettings}) and the log level are applied, and every other changed key is named in
 * the log line as needing a restart (listeners, admin, memory, room limits, a store section…).
 * The certificate files of TLS listeners are re-read each time, whether the file changed or not
 * (a renewed certificate usually keeps its file name); one that fails keeps the old certificate.
 */
final class ConfigReload {
  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** What one reload did: the keys applied and the changed keys left for a restart. */
  record Outcome(List<String> applied, List<String> needRestart) {}

  private final Supplier<DaemonConfig> load;
  private final ChatServer server;
  private final Consumer<DaemonConfig> applyLogging;
  private DaemonConfig running;

  /**
   * @param load reads and checks the file (with the command line's overrides), as at start-up
   * @param running the configuration the daemon started with
   * @param applyLogging sets the log level of a configuration
   */
  ConfigReload(Supplier<DaemonConfig> load, DaemonConfig running, ChatServer server,
      Consumer<DaemonConfig> applyLogging) {
    this.load = load;
    this.running = running;
    this.server = server;
    this.applyLogging = applyLogging;
  }

  /** Reloads and logs what happened; a bad file is logged and changes nothing. Any thread but an event loop. */
  synchronized void reloadAndLog() {
    try {
      Outcome outcome = reload();
      if (outcome.needRestart().isEmpty()) {
        log.info("SIGHUP: configuration reloaded; applied: {}", describe(outcome.applied()));
      } else {
        log.warn("SIGHUP: configuration reloaded; applied: {}; changed but NOT applied, they need a restart: {}",
            describe(outcome.applied()), String.join(", ", outcome.needRestart()));
      }
    } catch (ConfigException e) {
      log.error("SIGHUP: configuration not reloaded, the running one stays: {}", e.getMessage());
    }
  }

  /** Reloads; throws the file's {@link ConfigException} (nothing applied then). */
  synchronized Outcome reload() {
    DaemonConfig file = load.get();
    ServerConfig live = LiveSettings.merge(running.server(), file.server());
    MemoryPlan.of(live, JvmMemory.current());
    DaemonConfig merged = new DaemonConfig(live, file.logging(), running.admin());
    Outcome outcome = new Outcome(ConfigDiff.changedKeys(running, merged), ConfigDiff.changedKeys(merged, file));
    server.reconfigure(live);
    server.reloadCertificates();
    applyLogging.accept(merged);
    running = merged;
    return outcome;
  }

  private static String describe(List<String> keys) {
    return keys.isEmpty() ? "nothing changed" : String.join(", ", keys);
  }
}
