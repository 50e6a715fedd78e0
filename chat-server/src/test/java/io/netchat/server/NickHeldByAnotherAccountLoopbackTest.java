package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner of an account takes its nick from a guest, but not from the devices of another account
 * that took it by {@code nick} before the account existed (docs/PROTOCOL.md §15, §18): its login is
 * refused {@code nick_taken}, counted, and leaves the connection nobody's, free to log in again.
 * Over loopback: the other account's devices log in with a password, the owner with a token.
 */
class NickHeldByAnotherAccountLoopbackTest {
  @TempDir
  Path dir;

  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir)).withClockSkew(Duration.ZERO);
    server = ChatServer.start(AccountsLoopbackTest.config(AuthConfig.defaults().withToken(tokens)));
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theOwnersLoginIsRefusedNickTakenAndLeavesTheConnectionFree() throws Exception {
    try (WireClient bob1 = AccountsLoopbackTest.registered(address, "bob"); WireClient bob2 = WireClient.connect(address);
        WireClient owner = WireClient.connect(address)) {
      bob2.send(AccountsLoopbackTest.hello("1", "bob", AccountsLoopbackTest.PASSWORD));
      bob2.expect(ServerMessage.Ok.class, ok -> "1".equals(ok.re()));
      for (WireClient bob : List.of(bob1, bob2)) {
        bob.send(new ClientMessage.Nick("n", "alice"));
        bob.expect(ServerMessage.Ok.class, ok -> "n".equals(ok.re()));
      }
      String token = TestTokens.hs256(TestTokens.SECRET, claims("alice", Instant.now().plus(Duration.ofHours(1)), null));

      owner.send(ClientMessage.Hello.withToken("h", token, "test/1.0", List.of()));

      assertThat(AccountsLoopbackTest.error(owner, "h").code()).isEqualTo("nick_taken");
      assertThat(server.context().users().accountSessions("alice")).as("counted for the account no longer").isEmpty();
      assertThat(server.context().users().sessions("alice")).hasSize(2);
      assertThat(server.context().counters().loginFailures(LoginFailure.NICK_TAKEN)).isEqualTo(1);
      owner.send(ContractNegotiationTest.hello11("g", "carol", null));
      owner.expect(ServerMessage.Ok.class, ok -> "g".equals(ok.re()));
      bob1.send(new ClientMessage.Whois("w", "carol"));
      assertThat(bob1.expect(ServerMessage.Whois.class).account()).as("a guest").isNull();
    }
  }
}
