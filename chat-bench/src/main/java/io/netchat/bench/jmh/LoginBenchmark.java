package io.netchat.bench.jmh;

import io.netchat.server.ChatServer;
import io.netchat.server.config.ListenerConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Logins per second end to end, with the default {@code auth} settings (Argon2id 19 MiB, 2 passes;
 * half the cores hash): a server in this JVM on loopback, each operation a new TCP connection that
 * sends {@code hello{nick, password}}, reads its {@code welcome} and closes. Run with {@code -t N}
 * for N clients logging in at once (each to its own account).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class LoginBenchmark {
  static final String PASSWORD = "correct horse battery staple";
  private ChatServer server;
  private InetSocketAddress address;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = ChatServer.start(ServerConfig.defaults()
        .withListeners(List.of(new ListenerConfig("127.0.0.1", 0, "length", "json")))
        .withStore(StoreConfig.defaults().withType(StoreConfig.Type.MEMORY)));
    address = server.addresses().get(0);
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  /** One client's account, registered once per trial. */
  @State(Scope.Thread)
  public static class Account {
    String nick;

    @Setup(Level.Trial)
    public void register(LoginBenchmark bench) throws IOException {
      nick = "bench" + Thread.currentThread().getId();
      try (Socket socket = new Socket(bench.address.getAddress(), bench.address.getPort())) {
        socket.setSoTimeout(60_000);
        send(socket, "{\"type\":\"hello\",\"nick\":\"" + nick + "\"}");
        await(socket, "\"welcome\"");
        send(socket, "{\"type\":\"register\",\"id\":\"r\",\"password\":\"" + PASSWORD + "\"}");
        await(socket, "\"ok\"");
        send(socket, "{\"type\":\"quit\"}");
        await(socket, "\"bye\"");
      }
    }
  }

  /** A login over a new connection, until its welcome. */
  @Benchmark
  public void login(Account account) throws IOException {
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(60_000);
      send(socket, "{\"type\":\"hello\",\"nick\":\"" + account.nick + "\",\"password\":\"" + PASSWORD + "\"}");
      await(socket, "\"welcome\"");
    }
  }

  static void send(Socket socket, String json) throws IOException {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /** Reads frames until one whose type is {@code type} (quoted); fails on any error. */
  static void await(Socket socket, String type) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      String frame = new String(payload, StandardCharsets.UTF_8);
      if (frame.contains("\"type\":" + type)) {
        return;
      }
      if (frame.contains("\"type\":\"error\"")) {
        throw new IOException("refused: " + frame);
      }
    }
  }
}
