package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dms{since, epoch}} at the edges of what the stream holds (docs/PROTOCOL.md §18.5): a
 * {@code since} at the last seq is recovered with nothing to replay; one just before the first seq
 * held is recovered without a gap. The stream keeps {@code history_size} = 2 dms; three were sent.
 */
class DmStreamReplayTest {
  @TempDir
  Path dir;

  private EmbeddedServer server;
  private EmbeddedServer.Connection bob;
  private String epoch;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir));
    server = new EmbeddedServer(ServerConfig.defaults().withAuth(AuthConfig.defaults().withToken(tokens))
        .withLimits(LimitsConfig.builder().historySize(2).build()),
        Clock.fixed(EmbeddedServer.NOW, ZoneOffset.UTC), TokenVerifier.of(tokens), new HeldStores());
    bob = server.connect();
    String token = TestTokens.hs256(TestTokens.SECRET, claims("bob", EmbeddedServer.NOW.plus(Duration.ofDays(1)), null));
    bob.send(ClientMessage.Hello.withToken("h", token, "test/1.0", List.of("dmstream")));
    bob.received();
    EmbeddedServer.Connection ann = server.login("ann");
    for (int i = 1; i <= 3; i++) {
      ann.send(new ClientMessage.Dm(null, "bob", "dm " + i, null));
    }
    ServerMessage.Dm last = (ServerMessage.Dm) bob.last();
    assertThat(last.seq()).isEqualTo(3);
    epoch = last.epoch();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void aSinceAtTheLastSeqIsRecoveredWithNothingToReplay() {
    bob.send(new ClientMessage.Dms("s", 3L, epoch));

    assertThat(bob.received()).containsExactly(new ServerMessage.DmStream(epoch, 3, true, "s"), new ServerMessage.Ok("s"));
  }

  @Test
  void aSinceJustBeforeTheFirstSeqHeldIsRecoveredWithoutAGap() {
    bob.send(new ClientMessage.Dms("s", 1L, epoch));

    List<Object> answers = bob.received();
    assertThat(answers.get(0)).isEqualTo(new ServerMessage.DmStream(epoch, 3, true, "s"));
    assertThat(answers.subList(1, answers.size() - 1)).extracting(dm -> ((ServerMessage.Dm) dm).seq())
        .containsExactly(2L, 3L);
    assertThat(answers.get(answers.size() - 1)).isEqualTo(new ServerMessage.Ok("s"));
  }
}
