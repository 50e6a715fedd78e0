package io.netchat.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line's {@code --host} and {@code --port}: they replace the host and port of the
 * FIRST listener only, so a one-listener setup can be moved without editing the file.
 */
public final class ListenerOverrides {
  private ListenerOverrides() {}

  /**
   * {@code config} with the first listener's host and/or port replaced (a {@code null} leaves it).
   *
   * @throws ConfigException naming {@code --host} or {@code --port} for a bad value
   */
  public static ServerConfig apply(ServerConfig config, String host, Integer port) {
    List<ListenerConfig> listeners = new ArrayList<>(config.listeners());
    ListenerConfig first = listeners.get(0);
    try {
      first = host == null ? first : first.withHost(host);
    } catch (ConfigException e) {
      throw e.rekeyed("--host");
    }
    try {
      first = port == null ? first : first.withPort(port);
    } catch (ConfigException e) {
      throw e.rekeyed("--port");
    }
    listeners.set(0, first);
    return config.withListeners(listeners);
  }
}
