package io.netchat.server.config;

import io.netchat.codec.Transport;
import io.netchat.store.StoreConfig;
import java.time.Duration;
import java.util.List;

/**
 * The whole server configuration, immutable. {@link #defaults()} is what the server runs with
 * when no file is given; {@code ConfigLoader} reads {@code server.yaml} over these defaults.
 *
 * @param serverName the name announced in {@code welcome}
 * @param listeners sockets to listen on (at least one)
 * @param limits every enforced bound
 * @param timeouts connection timers
 * @param transport Netty transport
 * @param ioThreads event-loop threads, 0 for one per core the process may use
 * @param emptyRoomRetention how long an empty room keeps its history and topic
 * @param memory global memory budgets and the incomplete-frame deadline
 * @param store where rooms keep their messages and topics ({@code store:} in the file)
 * @param auth who may log in and how: guests, registration, password hashing, the login throttle and
 *     tokens ({@code auth:})
 * @param admins the accounts (case-folded names) that may send the admin commands of contract
 *     1.1 §17.6; empty by default
 */
public record ServerConfig(
    String serverName,
    List<ListenerConfig> listeners,
    LimitsConfig limits,
    TimeoutsConfig timeouts,
    Transport transport,
    int ioThreads,
    Duration emptyRoomRetention,
    MemoryConfig memory,
    StoreConfig store,
    AuthConfig auth,
    List<String> admins) {

  public static final String DEFAULT_SERVER_NAME = "netchat";
  public static final Duration DEFAULT_EMPTY_ROOM_RETENTION = Duration.ofMinutes(10);

  private static final String A_MAPPING = "expected a mapping of settings (key: value)";

  /** Checks there is at least one listener, every section is present and the counts in range. */
  public ServerConfig {
    serverName = Check.nonBlank("server_name", serverName);
    if (listeners == null || listeners.isEmpty()) {
      throw new ConfigException("listeners", listeners, "expected a list of at least one mapping");
    }
    for (int i = 0; i < listeners.size(); i++) {
      Check.present("listeners[" + i + "]", listeners.get(i), A_MAPPING);
    }
    listeners = List.copyOf(listeners);
    Check.present("limits", limits, A_MAPPING);
    Check.present("timeouts", timeouts, A_MAPPING);
    Check.present("transport", transport, "expected one of " + String.join(", ", ConfigMapper.names(Transport.class)));
    Check.atLeast("io_threads", ioThreads, 0);
    Check.nonNegative("empty_room_retention", emptyRoomRetention);
    Check.present("store", store, A_MAPPING);
    Check.present("auth", auth, A_MAPPING);
    admins = admins == null ? List.of() : admins.stream().map(ServerConfig::adminName).toList();
  }

  /** A server with no admins. */
  public ServerConfig(String serverName, List<ListenerConfig> listeners, LimitsConfig limits, TimeoutsConfig timeouts,
      Transport transport, int ioThreads, Duration emptyRoomRetention, MemoryConfig memory, StoreConfig store,
      AuthConfig auth) {
    this(serverName, listeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, memory, store, auth,
        List.of());
  }

  private static String adminName(String account) {
    try {
      return io.netchat.codec.Validation.requireNick("admins", account).toLowerCase(java.util.Locale.ROOT);
    } catch (io.netchat.codec.ChatCodecException e) {
      throw new ConfigException("admins", account, "expected account names (a letter, then letters, digits or _-[]\\^{}|)");
    }
  }

  /** Whether {@code account} (case-folded; null for a guest) is one of the server's admins. */
  public boolean isAdmin(String account) {
    return account != null && admins.contains(account.toLowerCase(java.util.Locale.ROOT));
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_SERVER_NAME, List.of(ListenerConfig.defaults()), LimitsConfig.defaults(),
        TimeoutsConfig.defaults(), Transport.AUTO, 0, DEFAULT_EMPTY_ROOM_RETENTION, MemoryConfig.defaults(),
        StoreConfig.defaults(), AuthConfig.defaults(), List.of());
  }

  public ServerConfig withListeners(List<ListenerConfig> newListeners) {
    return new ServerConfig(serverName, newListeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, memory, store, auth, admins);
  }

  public ServerConfig withLimits(LimitsConfig newLimits) {
    return new ServerConfig(serverName, listeners, newLimits, timeouts, transport, ioThreads, emptyRoomRetention, memory, store, auth, admins);
  }

  public ServerConfig withTimeouts(TimeoutsConfig newTimeouts) {
    return new ServerConfig(serverName, listeners, limits, newTimeouts, transport, ioThreads, emptyRoomRetention, memory, store, auth, admins);
  }

  public ServerConfig withTransport(Transport newTransport, int newIoThreads) {
    return new ServerConfig(serverName, listeners, limits, timeouts, newTransport, newIoThreads, emptyRoomRetention, memory,
        store, auth, admins);
  }

  public ServerConfig withEmptyRoomRetention(Duration retention) {
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, retention, memory, store, auth, admins);
  }

  public ServerConfig withMemory(MemoryConfig newMemory) {
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, newMemory, store, auth, admins);
  }

  public ServerConfig withStore(StoreConfig newStore) {
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, memory, newStore, auth, admins);
  }

  public ServerConfig withAuth(AuthConfig newAuth) {
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, memory, store, newAuth, admins);
  }

  public ServerConfig withAdmins(List<String> newAdmins) {
    return new ServerConfig(serverName, listeners, limits, timeouts, transport, ioThreads, emptyRoomRetention, memory, store, auth, newAdmins);
  }
}
