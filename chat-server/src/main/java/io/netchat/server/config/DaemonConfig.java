package io.netchat.server.config;

/**
 * Everything {@code server.yaml} configures: the server itself and the daemon around it.
 *
 * @param server what {@code ChatServer.start} runs with
 * @param logging how much the daemon logs
 */
public record DaemonConfig(ServerConfig server, LoggingConfig logging) {

  /** What the daemon runs with when no configuration file is given. */
  public static DaemonConfig defaults() {
    return new DaemonConfig(ServerConfig.defaults(), LoggingConfig.defaults());
  }

  public DaemonConfig withServer(ServerConfig newServer) {
    return new DaemonConfig(newServer, logging);
  }
}
