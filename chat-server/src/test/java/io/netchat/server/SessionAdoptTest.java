package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.WireFormat;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a session takes over from the one its {@code hello{resume}} names (§12.8). */
class SessionAdoptTest {
  private static final WireFormat FORMAT = WireFormat.of("length", "json", 65536, CodecRegistry.load());
  private final EmbeddedChannel oldChannel = new EmbeddedChannel();
  private final EmbeddedChannel newChannel = new EmbeddedChannel();
  private final Session old = TestSessions.on(oldChannel, 0, FORMAT, 1 << 20);
  private final Session resuming = TestSessions.on(newChannel, 0, FORMAT, 1 << 20);

  @AfterEach
  void close() {
    oldChannel.finishAndReleaseAll();
    newChannel.finishAndReleaseAll();
  }

  @Test
  void takesTheLogicalIdWhenItLoggedInAndItsAway() {
    old.loggedIn(Instant.parse("2026-11-30T10:00:00Z"));
    old.away("lunch");

    resuming.adopt(old);

    assertThat(resuming.id()).isEqualTo(old.id());
    assertThat(resuming.since()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
    assertThat(resuming.away()).isEqualTo("lunch");
  }

  @Test
  void aGuestLoginResumingAnAccountsSessionIsThatAccounts() {
    old.account("Alice");

    resuming.adopt(old);

    assertThat(resuming.account()).isEqualTo("alice");
  }

  /**
   * An owner's login taking over a guest session of its nick keeps its own account at every step:
   * the rooms it takes the guest's places in (on their own loops, at once) never see it as a guest.
   */
  @Test
  void anOwnersLoginTakingOverAGuestSessionKeepsItsAccount() {
    resuming.account("Alice");

    resuming.adopt(old);

    assertThat(resuming.account()).isEqualTo("alice");
  }
}
