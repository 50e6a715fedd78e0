package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token check runs off the session's loop (here: when the test says so): nothing is answered
 * before it ends, the commands behind the hello wait for it, and a connection gone meanwhile is
 * not logged in.
 */
class TokenCheckOrderTest {
  @TempDir
  Path dir;

  private final ArrayDeque<Runnable> checks = new ArrayDeque<>();
  /** Whether the check queue is full: the executor refuses. */
  private boolean full;
  private EmbeddedServer server;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir));
    server = new EmbeddedServer(TestServers.jsonOnLoopback().withAuth(AuthConfig.defaults().withToken(tokens)), TokenVerifier.of(tokens),
        task -> {
          if (full) {
            throw new RejectedExecutionException("full");
          }
          checks.add(task);
        });
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  private static String aliceToken() {
    return TestTokens.hs256(TestTokens.SECRET, claims("alice", EmbeddedServer.NOW.plusSeconds(3600), null));
  }

  private void runChecks() {
    while (!checks.isEmpty()) {
      checks.poll().run();
    }
    server.settle();
  }

  @Test
  void commandsBehindTheHelloWaitForTheCheck() {
    EmbeddedServer.Connection rooms = server.login("owner"); // the rooms' loop
    EmbeddedServer.Connection alice = server.connect();
    alice.sendAll(ClientMessage.Hello.withToken("h", aliceToken(), null, null), new ClientMessage.Join("j", "lobby", null),
        new ClientMessage.Ping("p"));

    assertThat(alice.received()).as("nothing before the check").isEmpty();
    assertThat(checks).hasSize(1);
    runChecks();

    List<Object> answers = alice.received();
    assertThat(answers).hasSize(5);
    assertThat(answers.get(0)).isInstanceOf(ServerMessage.Welcome.class);
    assertThat(answers.get(1)).isEqualTo(new ServerMessage.Ok("h"));
    assertThat(answers.get(2)).isInstanceOf(ServerMessage.Joined.class);
    assertThat(answers.get(3)).isEqualTo(new ServerMessage.Ok("j"));
    assertThat(answers.get(4)).isEqualTo(new ServerMessage.Pong("p"));
    assertThat(rooms.received()).isEmpty();
  }

  @Test
  void aConnectionGoneDuringTheCheckIsNotLoggedIn() {
    server.login("owner");
    EmbeddedServer.Connection alice = server.connect();
    alice.send(ClientMessage.Hello.withToken("h", aliceToken(), null, null));

    alice.server.close();
    runChecks();

    assertThat(server.context().users().find("alice")).as("no nick left behind").isNull();
  }

  @Test
  void aFullCheckQueueIsATemporaryRefusalAndTheConnectionMayTryAgain() {
    EmbeddedServer.Connection alice = server.connect();
    full = true;
    alice.send(ClientMessage.Hello.withToken("h", aliceToken(), null, null));

    assertThat(alice.received()).containsExactly(new ServerMessage.Error("h", "unavailable",
        "too many tokens are being checked; try again", "hello", true, null, null));
    assertThat(alice.server.isActive()).isTrue();

    full = false;
    alice.send(ClientMessage.Hello.withToken("h2", aliceToken(), null, null));
    runChecks();
    assertThat(alice.received()).last().isEqualTo(new ServerMessage.Ok("h2"));
  }
}
