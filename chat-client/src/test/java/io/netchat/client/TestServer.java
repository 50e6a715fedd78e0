package io.netchat.client;

import io.netchat.server.ChatServer;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real netchat server on 127.0.0.1, on an ephemeral port that survives {@link #restart()}. */
public final class TestServer implements AutoCloseable {
  /** The spread of the waits a restarting server asks its clients for. */
  public static final java.time.Duration RECONNECT_SPREAD = java.time.Duration.ofMillis(100);
  private final String host;
  private final String framing;
  private final String codec;
  private final UnaryOperator<ServerConfig> tweak;
  private ChatServer server;
  private int port;

  private TestServer(String host, String framing, String codec, UnaryOperator<ServerConfig> tweak) {
    this.host = host;
    this.framing = framing;
    this.codec = codec;
    this.tweak = tweak;
    start(0);
  }

  public static TestServer start() {
    return new TestServer("127.0.0.1", "length", "json", c -> c);
  }

  public static TestServer start(String framing, String codec) {
    return new TestServer("127.0.0.1", framing, codec, c -> c);
  }

  public static TestServer start(UnaryOperator<ServerConfig> tweak) {
    return new TestServer("127.0.0.1", "length", "json", tweak);
  }

  /** A server listening on {@code host}, e.g. {@code ::1}. */
  public static TestServer startOn(String host) {
    return new TestServer(host, "length", "json", c -> c);
  }

  private void start(int onPort) {
    ServerConfig defaults = ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig(host, onPort, framing, codec)))
        .withStore(StoreConfig.defaults().withType(StoreConfig.Type.MEMORY));
    // a restart's bye{retry_after_ms} is the least wait before reconnecting: keep it short for tests
    defaults = defaults.withTimeouts(defaults.timeouts().withReconnectSpread(RECONNECT_SPREAD));
    server = ChatServer.start(tweak.apply(defaults));
    port = server.addresses().get(0).getPort();
  }

  public int port() {
    return port;
  }

  /** Connections the server holds open now. */
  public int connectionCount() {
    return server.connectionCount();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  /** A client config for this server (length framing unless the server uses another). */
  public ClientConfig clientConfig(String nick) {
    return ClientConfig.defaults().withAddress(host, port).withNick(nick).withWireFormat(framing, codec);
  }

  /** Graceful stop (everyone gets bye{shutting_down}), then a fresh server on the same port. */
  public void restart() {
    server.close();
    start(port);
  }

  public void stop() {
    server.close();
  }

  /** Starts again on the same port after {@link #stop()}. */
  public void startAgain() {
    start(port);
  }

  @Override
  public void close() {
    server.close();
  }
}
