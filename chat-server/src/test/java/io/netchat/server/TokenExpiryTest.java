package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token's {@code exp} holds for the whole connection (§16), on virtual time: the session ends
 * with {@code bye{token_expired}} at exp plus skew, not a millisecond before, and a {@code refresh}
 * moves that moment.
 */
class TokenExpiryTest {
  private static final Duration SKEW = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  private EmbeddedServer server;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir)).withClockSkew(SKEW);
    ServerConfig config = TestServers.jsonOnLoopback().withAuth(AuthConfig.defaults().withToken(tokens))
        .withTimeouts(TestServers.timeouts(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(30))); // no idle ping
    server = new EmbeddedServer(config, TokenVerifier.of(tokens));
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  private static String tokenUntil(Instant exp) {
    return TestTokens.hs256(TestTokens.SECRET, claims("alice", exp, null));
  }

  private EmbeddedServer.Connection loggedIn(Instant exp) {
    EmbeddedServer.Connection alice = server.connect();
    alice.send(ClientMessage.Hello.withToken("h", tokenUntil(exp), null, null));
    assertThat(alice.received()).hasSize(2).last().isEqualTo(new ServerMessage.Ok("h"));
    return alice;
  }

  @Test
  void theSessionEndsAtExpPlusSkew() {
    EmbeddedServer.Connection alice = loggedIn(EmbeddedServer.NOW.plusSeconds(60));

    alice.server.advanceTimeBy(64_999, TimeUnit.MILLISECONDS);
    assertThat(alice.received()).isEmpty();
    assertThat(alice.server.isActive()).isTrue();
    alice.server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(alice.received()).containsExactly(new ServerMessage.Bye("token_expired", "token_expired", false, null));
    assertThat(alice.server.isActive()).isFalse();
  }

  @Test
  void aRefreshMovesTheDeadline() {
    EmbeddedServer.Connection alice = loggedIn(EmbeddedServer.NOW.plusSeconds(60));
    alice.server.advanceTimeBy(30, TimeUnit.SECONDS);
    alice.send(new ClientMessage.Refresh("r", tokenUntil(EmbeddedServer.NOW.plusSeconds(600))));
    assertThat(alice.received()).containsExactly(new ServerMessage.Ok("r"));

    // the embedded server's clock stands at NOW: the new deadline is exp + skew after NOW, counted from the refresh
    alice.server.advanceTimeBy(604, TimeUnit.SECONDS);
    assertThat(alice.received()).as("past the first token's end: the new one holds").isEmpty();
    assertThat(alice.server.isActive()).isTrue();
    alice.server.advanceTimeBy(1, TimeUnit.SECONDS);
    assertThat(alice.received()).containsExactly(new ServerMessage.Bye("token_expired", "token_expired", false, null));
  }

  @Test
  void aTokenAlreadyPastItsExpButWithinTheSkewLogsInForWhatIsLeft() {
    EmbeddedServer.Connection alice = loggedIn(EmbeddedServer.NOW.minusSeconds(3));

    alice.server.advanceTimeBy(1_999, TimeUnit.MILLISECONDS);
    assertThat(alice.received()).isEmpty();
    alice.server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(alice.received()).containsExactly(new ServerMessage.Bye("token_expired", "token_expired", false, null));
  }

  @Test
  void aClosedSessionLeavesNoDeadlineBehind() {
    EmbeddedServer.Connection alice = loggedIn(EmbeddedServer.NOW.plusSeconds(60));
    Session session = server.context().users().find("alice");
    assertThat(session.expiry().pending()).isTrue();

    alice.send(new ClientMessage.Quit("q", null));
    alice.received();
    alice.server.advanceTimeBy(10, TimeUnit.SECONDS); // the close grace
    alice.received();

    assertThat(alice.server.isActive()).isFalse();
    assertThat(session.expiry().pending()).as("cancelled on close").isFalse();
  }
}
