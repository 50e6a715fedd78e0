package io.netchat.server;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ChatServer} on loopback that a test starts (again, for a restart); as a registered
 * extension, closed after each test.
 */
final class LoopbackServer implements AutoCloseable, AfterEachCallback {
  private ChatServer server;

  /** Starts a server with {@code config}, closing the one running first; returns its first address. */
  InetSocketAddress start(io.netchat.server.config.ServerConfig config) {
    close();
    server = ChatServer.start(config);
    return address();
  }

  ChatServer server() {
    return server;
  }

  InetSocketAddress address() {
    return server.addresses().get(0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
