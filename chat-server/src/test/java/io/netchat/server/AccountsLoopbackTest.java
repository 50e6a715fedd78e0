package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ByeCode;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.LoginThrottleConfig;
import io.netchat.server.config.PasswordConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.metrics.ChatCounters.LoginFailure;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts over real sockets (docs/PROTOCOL.md §15): register, log in, wrong passwords, passwd,
 * reserved nicks (also while the owner is away, and across a restart of the sqlite store), the
 * throttle's answer, guests off, registration closed. BlockHound watches every event loop.
 */
class AccountsLoopbackTest {
  /** Cheap hashes: the tests are about the rules, the cost is measured in chat-bench. */
  static final PasswordConfig CHEAP = new PasswordConfig(64, 1, 1, 8);
  static final String PASSWORD = "correct horse";

  @TempDir
  Path dir;
  private ChatServer server;
  private InetSocketAddress address;

  static ServerConfig config(AuthConfig auth) {
    return TestServers.jsonOnLoopback().withAuth(auth.withPassword(CHEAP))
        .withTransport(io.netchat.codec.Transport.NIO, 3);
  }

  private void start(ServerConfig config) {
    server = ChatServer.start(config);
    address = server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static ServerMessage.Error error(WireClient client, String id) throws Exception {
    return client.expect(ServerMessage.Error.class, e -> id.equals(e.re()));
  }

  /** Logs in as a 1.1 guest and registers the nick; the connection stays open, logged in to the account. */
  static WireClient registered(InetSocketAddress address, String nick) throws Exception {
    WireClient client = WireClient.connect(address);
    ContractNegotiationTest.login11(client, nick);
    client.send(new ClientMessage.Register("r", PASSWORD));
    assertThat(client.next()).isEqualTo(new ServerMessage.Ok("r"));
    return client;
  }

  static ClientMessage.Hello hello(String id, String nick, String password) {
    return new ClientMessage.Hello(id, nick, 1, "test/1.0", List.of("events"), null, password, null);
  }

  @Test
  void aRegisteredNickLogsInWithItsPasswordAndAWrongOneKeepsTheConnectionOpen() throws Exception {
    start(config(AuthConfig.defaults()));
    try (WireClient alice = registered(address, "alice")) {
      alice.send(new ClientMessage.Whois("w", "alice"));
      assertThat(alice.expect(ServerMessage.Whois.class).account()).isEqualTo("alice");
      alice.send(new ClientMessage.Quit("q", null));
      assertThat(alice.closedByServer()).isTrue();
    }
    try (WireClient again = WireClient.connect(address)) {
      again.send(hello("1", "Alice", "wrong password"));
      ServerMessage.Error wrong = error(again, "1");
      assertThat(wrong.code()).isEqualTo("bad_credentials");
      assertThat(wrong.command()).isEqualTo("hello");
      assertThat(wrong.message()).doesNotContain("wrong password");
      again.send(hello("2", "Alice", PASSWORD));
      ServerMessage.Welcome welcome = again.expect(ServerMessage.Welcome.class);
      assertThat(welcome.nick()).isEqualTo("Alice");
      assertThat(again.next()).isEqualTo(new ServerMessage.Ok("2"));
      assertThat(server.context().users().find("alice").account()).isEqualTo("alice");
    }
  }

  @Test
  void aGuestCannotTakeARegisteredNickWhileItsOwnerIsAwayNorByANickChange() throws Exception {
    start(config(AuthConfig.defaults()));
    try (WireClient bob = registered(address, "bob"); WireClient early = WireClient.connect(address)) {
      early.send(ContractNegotiationTest.hello11("0", "bob", null));
      assertThat(error(early, "0").code()).as("while the owner is on").isEqualTo("nick_reserved");
      bob.send(new ClientMessage.Quit("q", null));
      assertThat(bob.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> server.context().users().find("bob") == null);
    try (WireClient mallory = WireClient.connect(address)) {
      mallory.send(ContractNegotiationTest.hello11("1", "BOB", null));
      assertThat(error(mallory, "1").code()).isEqualTo("nick_reserved");
      mallory.send(ContractNegotiationTest.hello11("2", "mallory", null));
      mallory.expect(ServerMessage.Welcome.class);
      mallory.send(new ClientMessage.Nick("3", "bob"));
      assertThat(error(mallory, "3").code()).isEqualTo("nick_reserved");
      mallory.send(new ClientMessage.Dm("4", "bob", "are you there?"));
      assertThat(mallory.expect(ServerMessage.Ok.class, ok -> "4".equals(ok.re())).delivery())
          .as("kept for its owner's next login (§18.4), for no one else").isEqualTo("stored");
    }
    try (WireClient owner = WireClient.connect(address)) {
      owner.send(hello("1", "bob", PASSWORD));
      owner.expect(ServerMessage.Welcome.class);
      assertThat(owner.expect(ServerMessage.Dm.class).text()).isEqualTo("are you there?");
    }
  }

  @Test
  void theOwnersSecondLoginIsASecondDeviceNotAReplacement() throws Exception {
    start(config(AuthConfig.defaults()));
    try (WireClient first = registered(address, "carol"); WireClient second = WireClient.connect(address)) {
      second.send(hello("1", "carol", PASSWORD));
      second.expect(ServerMessage.Welcome.class);
      assertThat(DevicesLoopbackTest.untilPong(first, "p")).noneMatch(ServerMessage.Bye.class::isInstance);
      assertThat(server.context().users().sessions("carol")).hasSize(2)
          .allMatch(session -> "carol".equals(session.account()));
    }
  }

  @Test
  void passwdNeedsTheOldPasswordAndTheNewOneLogsIn() throws Exception {
    start(config(AuthConfig.defaults()));
    try (WireClient dave = registered(address, "dave")) {
      dave.send(new ClientMessage.Passwd("p1", "not it at all", "battery staple"));
      assertThat(error(dave, "p1").code()).isEqualTo("bad_credentials");
      dave.send(new ClientMessage.Passwd("p2", PASSWORD, "short"));
      assertThat(error(dave, "p2").code()).isEqualTo("bad_request");
      dave.send(new ClientMessage.Passwd("p3", PASSWORD, "battery staple"));
      assertThat(dave.expect(ServerMessage.Ok.class, ok -> "p3".equals(ok.re()))).isNotNull();
      dave.send(new ClientMessage.Quit(null, null));
    }
    try (WireClient again = WireClient.connect(address)) {
      again.send(hello("1", "dave", PASSWORD));
      assertThat(error(again, "1").code()).isEqualTo("bad_credentials");
      again.send(hello("2", "dave", "battery staple"));
      again.expect(ServerMessage.Welcome.class);
    }
  }

  @Test
  void aGuestCannotChangeAPasswordNorRegisterTwice() throws Exception {
    start(config(AuthConfig.defaults()));
    try (WireClient erin = WireClient.connect(address)) {
      ContractNegotiationTest.login11(erin, "erin");
      erin.send(new ClientMessage.Passwd("p", PASSWORD, "battery staple"));
      assertThat(error(erin, "p").code()).isEqualTo("not_logged_in");
      erin.send(new ClientMessage.Register("r1", "short"));
      assertThat(error(erin, "r1").code()).isEqualTo("bad_request");
      erin.send(new ClientMessage.Register("r2", PASSWORD));
      assertThat(erin.next()).isEqualTo(new ServerMessage.Ok("r2"));
      erin.send(new ClientMessage.Register("r3", PASSWORD));
      assertThat(error(erin, "r3").code()).isEqualTo("already_logged_in");
    }
  }

  @Test
  void repeatedFailuresAreAnsweredRateLimitedWithRetryAfterAndNothingIsChecked() throws Exception {
    start(config(AuthConfig.defaults().withLoginThrottle(new LoginThrottleConfig(1, Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(3), 100))));
    registered(address, "frank").close();
    try (WireClient guesser = WireClient.connect(address)) {
      guesser.send(hello("1", "frank", "guess one"));
      assertThat(error(guesser, "1").code()).isEqualTo("bad_credentials");
      guesser.send(hello("2", "frank", "guess two"));
      assertThat(error(guesser, "2").code()).isEqualTo("bad_credentials");
      guesser.send(hello("3", "frank", PASSWORD));
      ServerMessage.Error throttled = error(guesser, "3");
      assertThat(throttled.code()).as("even the right password waits").isEqualTo("rate_limited");
      assertThat(throttled.temporary()).isTrue();
      assertThat(throttled.retryAfterMs()).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
    }
    ChatCounters counters = server.context().counters();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(counters.loginFailures(LoginFailure.BAD_CREDENTIALS)).as("each wrong password").isEqualTo(2);
      assertThat(counters.loginFailures(LoginFailure.THROTTLED)).isEqualTo(1);
      assertThat(counters.loginFailures(LoginFailure.UNAVAILABLE)).isZero();
    });
  }

  @Test
  void withGuestsOffAHelloWithoutPasswordIsRefused() throws Exception {
    start(config(AuthConfig.defaults().withGuests(false)));
    try (WireClient guest = WireClient.connect(address)) {
      guest.send(ContractNegotiationTest.hello11("1", "gina", null));
      assertThat(error(guest, "1").code()).isEqualTo("bad_credentials");
      assertThat(guest.closedByServer()).as("the connection stays open").isFalse();
    }
  }

  @Test
  void withRegistrationClosedRegisterIsForbidden() throws Exception {
    start(config(AuthConfig.defaults().withRegistration(AuthConfig.Registration.CLOSED)));
    try (WireClient hank = WireClient.connect(address)) {
      ContractNegotiationTest.login11(hank, "hank");
      hank.send(new ClientMessage.Register("r", PASSWORD));
      assertThat(error(hank, "r").code()).isEqualTo("forbidden");
    }
  }

  @Test
  void commandsPipelinedBehindAPasswordHelloRunAfterItsWelcome() throws Exception {
    start(config(AuthConfig.defaults()));
    registered(address, "ivy").close();
    try (WireClient ivy = WireClient.connect(address)) {
      ivy.send(hello("1", "ivy", PASSWORD));
      ivy.send(new ClientMessage.Join("2", "lobby", null));
      ivy.send(new ClientMessage.Say("3", "lobby", "first!"));
      assertThat(ivy.next()).isInstanceOf(ServerMessage.Welcome.class);
      assertThat(ivy.next()).isEqualTo(new ServerMessage.Ok("1"));
      assertThat(ivy.expect(ServerMessage.Joined.class).room()).isEqualTo("lobby");
      assertThat(ivy.expect(ServerMessage.Message.class).text()).isEqualTo("first!");
    }
  }

  @Test
  void whileAGuestHelloWaitsForTheStoreLaterCommandsAndBadFramesAreAnsweredInOrder() throws Exception {
    start(config(AuthConfig.defaults()).withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT)));
    try (WireClient kim = WireClient.connect(address)) {
      kim.sendJson("{\"type\":\"hello\",\"nick\":\"kim\"}");
      kim.sendJson("{\"type\":\"join\",\"room\":\"lobby\"}");
      kim.sendJson("{not json");
      kim.sendJson("{\"type\":\"ping\",\"id\":\"3\"}");
      assertThat(kim.next()).isInstanceOf(ServerMessage.Welcome.class);
      assertThat(kim.next()).isInstanceOf(ServerMessage.Joined.class);
      assertThat(kim.next()).isInstanceOfSatisfying(ServerMessage.Error.class,
          e -> assertThat(e.code()).isEqualTo("bad_json"));
      assertThat(kim.next()).isEqualTo(new ServerMessage.Pong("3"));
    }
  }

  @Test
  void sqliteKeepsAccountsAcrossARestart() throws Exception {
    ServerConfig config = config(AuthConfig.defaults()).withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT));
    start(config);
    registered(address, "judy").close();
    server.close();
    start(config);
    try (WireClient guest = WireClient.connect(address)) {
      guest.send(ContractNegotiationTest.hello11("1", "judy", null));
      assertThat(error(guest, "1").code()).isEqualTo("nick_reserved");
    }
    try (WireClient judy = WireClient.connect(address)) {
      judy.send(hello("1", "judy", PASSWORD));
      judy.expect(ServerMessage.Welcome.class);
    }
  }
}
