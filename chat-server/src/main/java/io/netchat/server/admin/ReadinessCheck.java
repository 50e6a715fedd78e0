package io.netchat.server.admin;

import java.util.Optional;

/**
 * One condition of {@code /health/ready}. The server gives one (every listener bound, not shutting
 * down); the store wiring adds "the store is writable" by passing another to
 * {@link AdminServer#start}. Called off every event loop, on the admin's worker thread, once per
 * request: it may take a few milliseconds, never seconds.
 */
@FunctionalInterface
public interface ReadinessCheck {
  /** Why the daemon is not ready now (a short phrase for the JSON body), or empty when it is. */
  Optional<String> notReadyBecause();
}
