package io.netchat.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Clients a test connects to its server and closes at the end, with a fast reconnect policy at hand. */
final class ClientFixture implements AutoCloseable {
  static final ReconnectPolicy FAST = new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);

  private final List<ChatClient> clients = new ArrayList<>();

  /** A client of {@code config}, connected. */
  ChatClient connect(ClientConfig config, ChatListener listener) throws Exception {
    ChatClient client = ChatClient.create(config, listener);
    clients.add(client);
    get(client.connect());
    return client;
  }

  /** A client that reaches {@code server} through {@code proxy} and reconnects fast. */
  ChatClient viaProxy(TestServer server, TcpProxy proxy, String nick, ChatListener listener) throws Exception {
    return connect(server.clientConfig(nick).withAddress("127.0.0.1", proxy.port()).withReconnect(FAST), listener);
  }

  static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    clients.forEach(ChatClient::close);
  }
}
