package io.netchat.server.config;

/**
 * Everything {@code server.yaml} configures: the server itself and the daemon around it. In the
 * file, the server's keys stand at the top level beside the daemon's own sections
 * ({@code logging}, {@code admin}).
 *
 * @param server what {@code ChatServer.start} runs with
 * @param logging how much the daemon logs
 * @param admin the admin HTTP listener, or {@code null} when it is off (no {@code admin} section)
 */
public record DaemonConfig(ServerConfig server, LoggingConfig logging, AdminConfig admin) {

  public DaemonConfig {
    Check.present("server", server, "expected the server's settings");
    Check.present("logging", logging, "expected a mapping of settings (key: value)");
  }

  /** What the daemon runs with when no configuration file is given: no admin listener. */
  public static DaemonConfig defaults() {
    return new DaemonConfig(ServerConfig.defaults(), LoggingConfig.defaults(), null);
  }

  public DaemonConfig withServer(ServerConfig newServer) {
    return new DaemonConfig(newServer, logging, admin);
  }

  public DaemonConfig withAdmin(AdminConfig newAdmin) {
    return new DaemonConfig(server, logging, newAdmin);
  }
}
