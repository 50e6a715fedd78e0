package io.netchat.server.admin;

import java.util.Optional;

/**
 * One condition of {@code /health/ready}. The server gives two (every listener bound and not
 * shutting down; the store writable), passed to {@link AdminServer#start} with any other.
 * Called off every event loop, on the admin's worker thread, once per request: it may take a few
 * milliseconds, never seconds.
 */
@FunctionalInterface
public interface ReadinessCheck {
  /** Why the daemon is not ready now (a short phrase for the JSON body), or empty when it is. */
  Optional<String> notReadyBecause();
}
