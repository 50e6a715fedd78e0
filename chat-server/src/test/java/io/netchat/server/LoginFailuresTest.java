package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import io.netchat.server.room.BanMask;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refused {@code hello} counts once as a failed login under the reason the server decided
 * ({@code netchat_logins_failed_total{reason}}), and under no other; the password and token
 * reasons are counted over loopback in {@code MetricsEndpointTest}.
 */
class LoginFailuresTest {
  private EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults());

  @AfterEach
  void finish() {
    server.finish();
  }

  private static ErrorCode refusal(EmbeddedServer.Connection connection, String nick) {
    connection.send(new ClientMessage.Hello("h", nick, 1, null, List.of(), null));
    return connection.received().stream().filter(ServerMessage.Error.class::isInstance)
        .map(error -> ((ServerMessage.Error) error).errorCode()).findFirst().orElse(null);
  }

  private Map<LoginFailure, Long> counted() {
    ChatCounters counters = server.context().counters();
    Map<LoginFailure, Long> counts = new EnumMap<>(LoginFailure.class);
    Arrays.stream(LoginFailure.values()).forEach(reason -> counts.put(reason, counters.loginFailures(reason)));
    return counts;
  }

  private Map<LoginFailure, Long> only(LoginFailure reason) {
    Map<LoginFailure, Long> expected = new EnumMap<>(LoginFailure.class);
    Arrays.stream(LoginFailure.values()).forEach(each -> expected.put(each, each == reason ? 1L : 0L));
    return expected;
  }

  @Test
  void aNickInUseByAGuestIsNickTaken() {
    server.login("ann");
    assertThat(refusal(server.connect(), "ann")).isEqualTo(ErrorCode.NICK_TAKEN);
    assertThat(counted()).isEqualTo(only(LoginFailure.NICK_TAKEN));
  }

  @Test
  void aNickAnAccountHoldsIsNickReserved() {
    server.login("ann");
    server.context().users().find("ann").account("ann");
    assertThat(refusal(server.connect(), "Ann")).isEqualTo(ErrorCode.NICK_RESERVED);
    assertThat(counted()).isEqualTo(only(LoginFailure.NICK_RESERVED));
  }

  @Test
  void aServerWideBanOfTheAddressIsBanned() {
    server.context().bans().add(new ServerBans.Ban(BanMask.parse("addr:203.0.113.7"), "root", "", null,
        EmbeddedServer.NOW), EmbeddedServer.NOW);
    assertThat(refusal(server.connect("203.0.113.7"), "eve")).isEqualTo(ErrorCode.BANNED);
    assertThat(refusal(server.connect("203.0.113.8"), "eve")).as("another address").isNull();
    assertThat(counted()).isEqualTo(only(LoginFailure.BANNED));
  }

  @Test
  void theNickOfAnAccountWithNoSessionIsNickReserved() {
    HeldStores stores = new HeldStores();
    stores.account("ann");
    restart(stores);
    assertThat(refusal(server.connect(), "Ann")).isEqualTo(ErrorCode.NICK_RESERVED);
    assertThat(counted()).isEqualTo(only(LoginFailure.NICK_RESERVED));
  }

  @Test
  void aStoreThatCannotTellWhetherTheNickIsAnAccountIsUnavailable() {
    HeldStores stores = new HeldStores();
    restart(stores);
    stores.accountReads.hold();
    EmbeddedServer.Connection c = server.connect();
    c.send(new ClientMessage.Hello("h", "ann"));
    stores.accountReads.failNext();
    assertThat(((ServerMessage.Error) c.last()).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(counted()).isEqualTo(only(LoginFailure.UNAVAILABLE));
  }

  private void restart(HeldStores stores) {
    server.finish();
    server = new EmbeddedServer(ServerConfig.defaults(), Clock.fixed(EmbeddedServer.NOW, ZoneOffset.UTC), null, stores);
  }

  @Test
  void aGuestWhereNoneAreTakenIsNoGuests() {
    server.finish();
    server = new EmbeddedServer(ServerConfig.defaults().withAuth(AuthConfig.defaults().withGuests(false)));
    assertThat(refusal(server.connect(), "ann")).isEqualTo(ErrorCode.BAD_CREDENTIALS);
    assertThat(counted()).as("not counted as a wrong password").isEqualTo(only(LoginFailure.NO_GUESTS));
  }
}
