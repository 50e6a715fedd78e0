package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A login that proved the session owns an account (here with a token, checked at once): it takes
 * its nick from a guest, is refused past {@code max_sessions_per_account}, and resumes a session of
 * its nick as the account's. docs/PROTOCOL.md §15, §16, §18.
 */
class OwnerHelloTest {
  @TempDir
  Path dir;

  private final ModerationTest.MovableClock clock = new ModerationTest.MovableClock();
  private final HeldStores stores = new HeldStores();
  private EmbeddedServer server;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir));
    server = new EmbeddedServer(ServerConfig.defaults().withAuth(AuthConfig.defaults().withToken(tokens))
        .withLimits(LimitsConfig.builder().maxSessionsPerAccount(2).build()), clock, TokenVerifier.of(tokens), stores);
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  static String token(String sub) {
    return TestTokens.hs256(TestTokens.SECRET, claims(sub, EmbeddedServer.NOW.plus(Duration.ofDays(1)), null));
  }

  static ClientMessage.Hello tokenHello(String sub, String resume) {
    return new ClientMessage.Hello("h", null, 1, "test/1.0", List.of(), resume, null, token(sub));
  }

  /** A new connection logged in with a token for {@code sub}, its welcome and ok read. */
  private EmbeddedServer.Connection owner(String sub) {
    EmbeddedServer.Connection c = server.connect();
    c.send(tokenHello(sub, null));
    assertThat(c.received()).hasSize(2).last().isEqualTo(new ServerMessage.Ok("h"));
    return c;
  }

  /** A new connection logged in as the 1.1 guest {@code nick}; returns its resume secret. */
  private String guest11(EmbeddedServer.Connection c, String nick) {
    c.send(ContractNegotiationTest.hello11("g", nick, null));
    List<Object> answers = c.received();
    assertThat(answers).hasSize(2);
    return ((ServerMessage.Welcome) answers.get(0)).session();
  }

  private ServerMessage.Whois whois(String nick) {
    EmbeddedServer.Connection asker = server.login("asker" + server.context().users().size());
    asker.send(new ClientMessage.Whois("w", nick));
    return (ServerMessage.Whois) asker.received().get(0);
  }

  @Test
  void theOwnerTakesItsNickFromTheGuestHoldingItWhoIsSentAway() {
    EmbeddedServer.Connection guest = server.login("alice");

    EmbeddedServer.Connection owner = owner("alice");

    assertThat(guest.received()).containsExactly(new ServerMessage.Bye("replaced"));
    assertThat(guest.server.isActive()).isFalse();
    assertThat(server.context().users().sessions("alice")).hasSize(1)
        .allMatch(session -> "alice".equals(session.account()) && session.channel() == owner.server);
  }

  @Test
  void aGuestWhoseClaimTheStoreHasNotConfirmedLosesTheNickWithoutBeingSentAway() {
    stores.accountReads.hold();
    EmbeddedServer.Connection guest = server.connect();
    guest.send(new ClientMessage.Hello("g", "alice"));
    assertThat(guest.received()).as("waiting for the store").isEmpty();

    owner("alice");
    stores.accountReads.release();
    stores.accountReads.letNext();

    assertThat(guest.received()).containsExactly(new ServerMessage.Error("g", ErrorCode.NICK_RESERVED,
        "nick 'alice' belongs to an account: log in with its password"));
    assertThat(guest.server.isActive()).as("refused, not replaced: it may try another nick").isTrue();
    guest.send(new ClientMessage.Hello("g2", "bob"));
    assertThat(guest.received()).last().isEqualTo(new ServerMessage.Ok("g2"));
  }

  @Test
  void oneLoginMoreThanTheAccountMayHoldIsRefusedCountedAndLeavesTheConnectionNobodys() {
    owner("alice");
    owner("alice");
    EmbeddedServer.Connection third = server.connect();

    third.send(tokenHello("alice", null));

    ServerMessage.Error refused = (ServerMessage.Error) third.last();
    assertThat(refused.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(refused.re()).isEqualTo("h");
    assertThat(server.context().counters().loginFailures(LoginFailure.SESSION_LIMIT)).isEqualTo(1);
    assertThat(server.context().users().sessions("alice")).hasSize(2);
    third.send(new ClientMessage.Hello("g", "carol"));
    assertThat(third.received()).last().isEqualTo(new ServerMessage.Ok("g"));
    assertThat(whois("carol").account()).as("a guest now, not the account it could not log in to").isNull();
  }

  @Test
  void theOwnerResumingAGuestSessionOfItsNickIsLoggedInToTheAccount() {
    EmbeddedServer.Connection guest = server.connect();
    String secret = guest11(guest, "alice");
    EmbeddedServer.Connection owner = server.connect();

    owner.send(tokenHello("alice", secret));

    assertThat(owner.received()).hasSize(2).last().isEqualTo(new ServerMessage.Ok("h"));
    assertThat(guest.received()).last().isInstanceOf(ServerMessage.Bye.class);
    assertThat(whois("alice").account()).isEqualTo("alice");
  }

  @Test
  void theOwnerResumingAGuestSessionCountsAmongTheAccountsSessions() {
    EmbeddedServer.Connection guest = server.connect();
    String secret = guest11(guest, "alice");
    EmbeddedServer.Connection owner = server.connect();
    owner.send(tokenHello("alice", secret));
    assertThat(owner.received()).last().isEqualTo(new ServerMessage.Ok("h"));

    assertThat(server.context().users().accountSessions("alice")).extracting(Session::channel)
        .containsExactly(owner.server);
    owner("alice"); // the second of max_sessions_per_account: 2
    EmbeddedServer.Connection third = server.connect();
    third.send(tokenHello("alice", null));
    assertThat(((ServerMessage.Error) third.last()).errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
  }

  @Test
  void aResumeUnderAnotherCaseOfTheNickIsKnownToTheRoomsByIt() {
    EmbeddedServer.Connection resumed = server.connect(); // the rooms' loop: the takeover runs within the hello
    EmbeddedServer.Connection guest = server.connect();
    String secret = guest11(guest, "ann");
    guest.send(new ClientMessage.Join("j", "lobby", null));
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join("j", "lobby", null));
    bob.received();

    resumed.send(ContractNegotiationTest.hello11("h", "ANN", secret));
    resumed.received();

    bob.send(new ClientMessage.Who("w", "lobby"));
    assertThat(((ServerMessage.Members) bob.received().get(0)).nicks()).containsExactlyInAnyOrder("ANN", "bob");
  }

  @Test
  void anOwnerResumingUnderAnotherCaseOfTheNickIsKnownToTheRoomsByIt() {
    EmbeddedServer.Connection resumed = server.connect(); // the rooms' loop: the takeover runs within the hello
    EmbeddedServer.Connection first = server.connect();
    first.send(tokenHello("alice", null));
    String secret = ((ServerMessage.Welcome) first.received().get(0)).session();
    first.send(new ClientMessage.Join("j", "lobby", null));
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join("j", "lobby", null));
    bob.received();

    resumed.send(tokenHello("Alice", secret));
    assertThat(resumed.received()).last().isEqualTo(new ServerMessage.Ok("h"));

    bob.send(new ClientMessage.Who("w", "lobby"));
    assertThat(((ServerMessage.Members) bob.received().get(0)).nicks()).containsExactlyInAnyOrder("Alice", "bob");
  }

  @Test
  void whoisOfAnAccountOnSeveralDevicesGivesTheEarliestLogin() {
    owner("alice");
    clock.advance(Duration.ofMinutes(5));
    owner("alice");

    ServerMessage.Whois whois = whois("alice");

    assertThat(whois.sessions()).isEqualTo(2);
    assertThat(whois.since()).isEqualTo(EmbeddedServer.NOW);
  }
}
