package io.netchat.server;

import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;

/**
 * The settings a running server takes from a reloaded configuration: those read through
 * {@code ServerContext.config()} at the moment they act. Every other difference needs a restart,
 * because it was built into something at start-up: listeners and their codecs (and
 * {@code max_frame_length} inside them), the water marks (socket options), the memory budgets,
 * the room limits (each room's context), the room creation rate, the transport and threads.
 *
 * <p>Applied to open connections at once: {@code max_connections}, {@code max_connections_per_ip}
 * (the next admission), {@code max_rooms_per_session} (the next join), {@code flood_disconnect_after}
 * (the next refusal), {@code timeouts.pong} (the next ping), {@code timeouts.shutdown_grace}. To
 * connections opened after the reload: {@code messages_per_second}, {@code burst} (each connection's
 * token bucket), {@code max_outbound_bytes}, {@code timeouts.hello}, {@code timeouts.idle}. To the
 * next {@code hello} or {@code register}: {@code auth.guests}, {@code auth.registration}.
 */
final class LiveSettings {
  private LiveSettings() {}

  /** {@code running} with the live settings of {@code file}; everything else stays as it runs. */
  static ServerConfig merge(ServerConfig running, ServerConfig file) {
    LimitsConfig from = file.limits();
    LimitsConfig limits = running.limits().toBuilder()
        .maxConnections(from.maxConnections())
        .maxConnectionsPerIp(from.maxConnectionsPerIp())
        .maxRoomsPerSession(from.maxRoomsPerSession())
        .floodDisconnectAfter(from.floodDisconnectAfter())
        .messagesPerSecond(from.messagesPerSecond())
        .burst(from.burst())
        .maxOutboundBytes(from.maxOutboundBytes())
        .build();
    AuthConfig auth = running.auth().withGuests(file.auth().guests()).withRegistration(file.auth().registration());
    return running.withLimits(limits).withTimeouts(file.timeouts()).withAuth(auth);
  }
}
