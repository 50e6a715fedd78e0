package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * §17.6 over loopback with the sqlite store: server-wide bans survive a restart with their ends —
 * one without an end holds, one that ended while the server was down is gone, one still running
 * holds until its end — and a lifted ban stays lifted.
 */
class ServerBansRestartTest {
  private final ModerationTest.MovableClock clock = new ModerationTest.MovableClock();
  private ChatServer server;

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start() {
    ServerConfig config = TestServers.jsonOnLoopback().withAdmins(List.of("root"))
        .withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT))
        .withAuth(AuthConfig.defaults().withPassword(AccountsLoopbackTest.CHEAP));
    server = ChatServer.start(config, CodecRegistry.load(), clock);
    return server.addresses().get(0);
  }

  /** The answer to {@code command}: null for {@code ok}, else the error's code. */
  private static String answer(WireClient client, ClientMessage command) throws Exception {
    client.send(command);
    ServerMessage answer = client.expect(ServerMessage.class, m -> m instanceof ServerMessage.Ok ok
        && command.id().equals(ok.re()) || m instanceof ServerMessage.Error error && command.id().equals(error.re()));
    return answer instanceof ServerMessage.Error error ? error.code() : null;
  }

  /** How a password login of {@code nick} is answered: null when it is welcomed, else the error's code. */
  private static String login(InetSocketAddress address, String nick) throws Exception {
    try (WireClient client = WireClient.connect(address)) {
      return answer(client, AccountsLoopbackTest.hello("h", nick, AccountsLoopbackTest.PASSWORD));
    }
  }

  @Test
  void serverWideBansSurviveARestartAndTheirEndsAreKept() throws Exception {
    InetSocketAddress address = start();
    for (String nick : List.of("eve", "tim", "kim", "mal")) {
      AccountsLoopbackTest.registered(address, nick).close();
    }
    try (WireClient root = AccountsLoopbackTest.registered(address, "root")) {
      assertThat(answer(root, new ClientMessage.AdminBan("1", "account:eve", null, "spam"))).isNull();
      assertThat(answer(root, new ClientMessage.AdminBan("2", "account:tim", 60L, null))).isNull();
      assertThat(answer(root, new ClientMessage.AdminBan("3", "account:kim", 600L, null))).isNull();
      assertThat(answer(root, new ClientMessage.AdminBan("4", "account:mal", null, null))).isNull();
      assertThat(answer(root, new ClientMessage.AdminUnban("5", "account:mal"))).isNull();
    }
    assertThat(login(address, "eve")).as("before the restart").isEqualTo("banned");
    server.close();

    clock.advance(Duration.ofSeconds(120));
    address = start();
    assertThat(login(address, "eve")).as("a ban without an end").isEqualTo("banned");
    assertThat(login(address, "kim")).as("a ban that ends after 600 s, 120 s in").isEqualTo("banned");
    assertThat(login(address, "tim")).as("a ban that ended while the server was down").isNull();
    assertThat(login(address, "mal")).as("a lifted ban").isNull();

    clock.advance(Duration.ofSeconds(480));
    assertThat(login(address, "kim")).as("600 s after it was set").isNull();
    assertThat(login(address, "eve")).isEqualTo("banned");
  }
}
