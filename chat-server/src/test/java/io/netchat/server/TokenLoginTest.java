package io.netchat.server;

import static io.netchat.server.auth.TestTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hello{token}} and {@code refresh{token}} over real sockets (docs/PROTOCOL.md §16): a valid
 * token logs in as its {@code sub}; a bad one is {@code error{bad_credentials}}, then
 * {@code bye{bad_credentials}} and the close; the rooms claim, the token's nick, refresh and expiry.
 */
class TokenLoginTest {
  private static final Instant IN_AN_HOUR = Instant.now().plus(Duration.ofHours(1));
  private static final ServerMessage.Bye BAD_CREDENTIALS =
      new ServerMessage.Bye("bad_credentials", "bad_credentials", false, null);

  @TempDir
  static Path dir;

  private ChatServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    server = start(TokenConfig.secret(TestTokens.secretFile(dir)).withClockSkew(Duration.ZERO));
    address = server.addresses().get(0);
  }

  private static ChatServer start(TokenConfig tokens) {
    return ChatServer.start(TestServers.jsonOnLoopback()
        .withTransport(io.netchat.codec.Transport.NIO, 3) // verification comes back to the session's own loop
        .withAuth(AuthConfig.defaults().withToken(tokens)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String token(String sub, List<String> rooms) {
    return TestTokens.hs256(TestTokens.SECRET, claims(sub, IN_AN_HOUR, rooms));
  }

  /** Logs {@code client} in with {@code token}; returns the welcome after its ok. */
  static ServerMessage.Welcome login(WireClient client, String token) throws Exception {
    client.send(ClientMessage.Hello.withToken("h", token, "test/1.0", List.of("nick")));
    ServerMessage.Welcome welcome = client.expect(ServerMessage.Welcome.class);
    assertThat(client.next()).isEqualTo(new ServerMessage.Ok("h"));
    return welcome;
  }

  @Test
  void aValidTokenLogsInAsItsSub() throws Exception {
    try (WireClient alice = WireClient.connect(address)) {
      ServerMessage.Welcome welcome = login(alice, token("Alice", null));

      assertThat(welcome.nick()).isEqualTo("Alice");
      assertThat(welcome.protocol()).as("a token hello is a 1.1 hello").isEqualTo(1);
      assertThat(welcome.caps()).containsExactly("nick");
      assertThat(welcome.session()).isNotNull();
      Session session = server.context().users().find("alice");
      assertThat(session.account()).isEqualTo("alice");
      assertThat(session.token().validUntil()).isEqualTo(IN_AN_HOUR.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
  }

  static Stream<Arguments> badTokens() {
    JWTClaimsSet alice = claims("alice", IN_AN_HOUR, null);
    String good = TestTokens.hs256(TestTokens.SECRET, alice);
    byte[] otherSecret = "a different secret, long enough for HS256 to take".getBytes();
    return Stream.of(
        Arguments.of("expired", TestTokens.hs256(TestTokens.SECRET, claims("alice", Instant.now().minusSeconds(5), null)),
            "the token has expired"),
        Arguments.of("forged", TestTokens.withClaims(good, claims("alice", IN_AN_HOUR.plus(Duration.ofDays(365)), null)),
            "the token is not signed by a configured key"),
        Arguments.of("wrong key", TestTokens.hs256(otherSecret, alice),
            "the token is not signed by a configured key"),
        Arguments.of("wrong algorithm", TestTokens.rs256(TestTokens.rsa(), null, alice),
            "the token's algorithm is not one this server accepts (HS256)"),
        Arguments.of("alg none", TestTokens.unsigned(alice),
            "not a signed JWT (JWS compact form; alg none is never accepted)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void aBadTokenIsRefusedThenTheConnectionClosed(String what, String token, String reason) throws Exception {
    try (WireClient client = WireClient.connect(address)) {
      client.send(ClientMessage.Hello.withToken("h", token, null, null));

      assertThat(client.next()).isEqualTo(new ServerMessage.Error("h", "bad_credentials", reason, "hello", null, null, null));
      assertThat(client.next()).isEqualTo(BAD_CREDENTIALS);
      assertThat(client.closedByServer()).isTrue();
      assertThat(server.context().users().find("alice")).isNull();
    }
  }

  @Test
  void aNickBesideTheTokenMustBeItsSub() throws Exception {
    try (WireClient client = WireClient.connect(address)) {
      client.send(new ClientMessage.Hello("h", "mallory", 1, null, null, null, null, token("alice", null)));

      assertThat(client.expect(ServerMessage.Error.class).code()).isEqualTo("bad_credentials");
      assertThat(client.next()).isEqualTo(BAD_CREDENTIALS);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void commandsSentRightBehindTheHelloWaitForItAndAreAnsweredInOrder() throws Exception {
    try (WireClient alice = WireClient.connect(address)) {
      ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
      for (ClientMessage command : List.of(ClientMessage.Hello.withToken("h", token("alice", null), null, null),
          new ClientMessage.Join("j", "lobby", null), new ClientMessage.Say("s", "lobby", "first"),
          new ClientMessage.Ping("p"))) {
        pipelined.write(frame(alice, command));
      }
      alice.sendRaw(pipelined.toByteArray());

      assertThat(alice.next()).isInstanceOf(ServerMessage.Welcome.class);
      assertThat(alice.next()).isEqualTo(new ServerMessage.Ok("h"));
      assertThat(alice.next()).isInstanceOf(ServerMessage.Joined.class);
      assertThat(alice.next()).isEqualTo(new ServerMessage.Ok("j"));
      assertThat(alice.next()).isInstanceOfSatisfying(ServerMessage.Message.class, m -> assertThat(m.text()).isEqualTo("first"));
      assertThat(alice.next()).isInstanceOfSatisfying(ServerMessage.Ok.class, ok -> assertThat(ok.re()).isEqualTo("s"));
      assertThat(alice.next()).isEqualTo(new ServerMessage.Pong("p"));
    }
  }

  @Test
  void theRoomsClaimLimitsJoinsAndNothingElse() throws Exception {
    try (WireClient alice = WireClient.connect(address)) {
      login(alice, token("alice", List.of("lobby", "Dev")));

      alice.send(new ClientMessage.Join("j1", "dev", null));
      assertThat(alice.expect(ServerMessage.Joined.class).room()).isEqualTo("dev");
      alice.send(new ClientMessage.Join("j2", "staff", null));
      assertThat(alice.expect(ServerMessage.Error.class)).isEqualTo(new ServerMessage.Error("j2", "forbidden",
          "the token does not allow room 'staff'", "join", null, null, null));
      alice.send(new ClientMessage.Say("s", "dev", "still here"));
      assertThat(alice.expect(ServerMessage.Ok.class, ok -> "s".equals(ok.re())).seq()).isEqualTo(1L);
    }
  }

  @Test
  void aGuestCannotTakeTheNickOfAConnectedTokenSession() throws Exception {
    try (WireClient alice = WireClient.connect(address); WireClient guest = WireClient.connect(address)) {
      login(alice, token("alice", null));

      guest.send(new ClientMessage.Hello("g", "ALICE", 1, null, null, null));
      assertThat(guest.expect(ServerMessage.Error.class).code()).as("held by a session of an account (§15.5)")
          .isEqualTo("nick_reserved");
      guest.send(new ClientMessage.Hello("g2", "eve", 1, null, null, null));
      guest.expect(ServerMessage.Welcome.class);
      guest.send(new ClientMessage.Nick("n", "Alice"));
      assertThat(guest.expect(ServerMessage.Error.class).code()).isEqualTo("nick_taken");
      alice.send(new ClientMessage.Nick("n", "alice2"));
      assertThat(alice.expect(ServerMessage.Error.class).code()).as("a token session keeps the token's nick")
          .isEqualTo("forbidden");
      assertThat(server.context().users().find("alice").account()).isEqualTo("alice");
    }
  }

  @Test
  void aSecondTokenOfTheSameAccountIsAnotherDeviceNotATakeover() throws Exception {
    try (WireClient old = WireClient.connect(address); WireClient bob = WireClient.connect(address);
        WireClient again = WireClient.connect(address)) {
      login(old, token("alice", null));
      old.send(new ClientMessage.Join("j", "lobby", null));
      old.expect(ServerMessage.Ok.class, ok -> "j".equals(ok.re()));
      login(bob, token("bob", null));
      bob.send(new ClientMessage.Join("j", "lobby", null));
      bob.expect(ServerMessage.Ok.class, ok -> "j".equals(ok.re()));

      assertThat(login(again, token("alice", null)).nick()).isEqualTo("alice");
      again.send(new ClientMessage.Join("j2", "lobby", null));
      again.expect(ServerMessage.Ok.class, ok -> "j2".equals(ok.re()));
      again.send(new ClientMessage.Say("s", "lobby", "from the phone"));
      assertThat(bob.expect(ServerMessage.Message.class).from()).isEqualTo("alice");
      assertThat(old.expect(ServerMessage.Message.class).text()).as("the first device is still in the room")
          .isEqualTo("from the phone");
      assertThat(old.seen()).as("a second login of the account replaces nothing (§18)")
          .noneMatch(m -> m instanceof ServerMessage.Bye);
      assertThat(bob.seen()).as("one presence per account: the second device is no one new")
          .noneMatch(m -> m instanceof ServerMessage.Presence p && p.nick().equals("alice"));
      assertThat(server.context().users().sessions("alice")).hasSize(2);
    }
  }

  @Test
  void aTokenForARegisteredAccountIsThatAccountAndBothCredentialsAreItsDevices() throws Exception {
    server.close();
    server = ChatServer.start(AccountsLoopbackTest.config(AuthConfig.defaults()
        .withToken(TokenConfig.secret(TestTokens.secretFile(dir)).withClockSkew(Duration.ZERO))));
    address = server.addresses().get(0);
    try (WireClient owner = AccountsLoopbackTest.registered(address, "carol");
        WireClient byToken = WireClient.connect(address); WireClient byPassword = WireClient.connect(address)) {
      owner.send(new ClientMessage.Join("j", "lobby", null));
      owner.expect(ServerMessage.Ok.class, ok -> "j".equals(ok.re()));

      assertThat(login(byToken, token("carol", null)).nick()).isEqualTo("carol");
      byToken.send(new ClientMessage.Whois("w", "carol"));
      assertThat(byToken.expect(ServerMessage.Whois.class).account()).as("the token's sub is the account")
          .isEqualTo("carol");
      byToken.send(new ClientMessage.Register("r", "another password"));
      assertThat(byToken.expect(ServerMessage.Error.class).code()).isEqualTo("already_logged_in");

      byPassword.send(AccountsLoopbackTest.hello("p", "carol", AccountsLoopbackTest.PASSWORD));
      byPassword.expect(ServerMessage.Welcome.class);
      List<Session> devices = server.context().users().sessions("carol");
      assertThat(devices).as("the registered owner, the token and the password: three devices of one account")
          .hasSize(3).allSatisfy(device -> assertThat(device.account()).isEqualTo("carol"));
      assertThat(devices).as("only the token's session has token limits").filteredOn(device -> device.token() != null)
          .hasSize(1);
      assertThat(owner.seen()).noneMatch(m -> m instanceof ServerMessage.Bye);
      assertThat(byToken.seen()).noneMatch(m -> m instanceof ServerMessage.Bye);
    }
  }

  @Test
  void refreshRenewsTheTokenOfTheSameUserOnly() throws Exception {
    try (WireClient alice = WireClient.connect(address)) {
      Instant soon = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      login(alice, TestTokens.hs256(TestTokens.SECRET, claims("alice", soon, List.of("lobby"))));

      alice.send(new ClientMessage.Refresh("r1", token("alice", List.of("lobby", "dev"))));
      assertThat(alice.next()).isEqualTo(new ServerMessage.Ok("r1"));
      Session session = server.context().users().find("alice");
      assertThat(session.token().validUntil()).isAfter(soon);
      alice.send(new ClientMessage.Join("j", "dev", null));
      assertThat(alice.expect(ServerMessage.Joined.class).room()).as("the new token's rooms").isEqualTo("dev");

      alice.send(new ClientMessage.Refresh("r2", token("bob", null)));
      assertThat(alice.expect(ServerMessage.Error.class)).isEqualTo(new ServerMessage.Error("r2", "bad_credentials",
          "the token is for another user than the session's", "refresh", null, null, null));
      assertThat(alice.next()).isEqualTo(BAD_CREDENTIALS);
      assertThat(alice.closedByServer()).isTrue();
    }
  }

  @Test
  void aGuestHasNoTokenToRefresh() throws Exception {
    try (WireClient guest = WireClient.connect(address)) {
      guest.send(new ClientMessage.Hello("h", "guest", 1, null, null, null));
      guest.expect(ServerMessage.Ok.class);
      guest.send(new ClientMessage.Refresh("r", token("guest", null)));

      assertThat(guest.expect(ServerMessage.Error.class).code()).isEqualTo("forbidden");
      guest.send(new ClientMessage.Ping("p"));
      assertThat(guest.expect(ServerMessage.Pong.class).id()).as("the session goes on").isEqualTo("p");
    }
  }

  @Test
  void aTokenThatRunsOutUnrenewedEndsTheSession() throws Exception {
    try (WireClient alice = WireClient.connect(address)) {
      login(alice, TestTokens.hs256(TestTokens.SECRET, claims("alice", Instant.now().plusSeconds(2), null)));

      assertThat(alice.expect(ServerMessage.Bye.class))
          .isEqualTo(new ServerMessage.Bye("token_expired", "token_expired", false, null));
      assertThat(alice.closedByServer()).isTrue();
    }
  }

  @Test
  void aServerWithoutTokenKeysRefusesEveryToken() throws Exception {
    try (ChatServer plain = ChatServer.start(TestServers.jsonOnLoopback());
        WireClient client = WireClient.connect(plain.addresses().get(0))) {
      client.send(ClientMessage.Hello.withToken("h", token("alice", null), null, null));

      assertThat(client.next()).isEqualTo(new ServerMessage.Error("h", "bad_credentials",
          "this server accepts no tokens", "hello", null, null, null));
      assertThat(client.next()).isEqualTo(BAD_CREDENTIALS);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void rsaAndEcTokensAreCheckedAgainstAJwksFile() throws Exception {
    KeyPair rsa = TestTokens.rsa();
    KeyPair ec = TestTokens.ec();
    JWKSet keys = new JWKSet(List.of(new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("r1").build(),
        new ECKey.Builder(Curve.P_256, (ECPublicKey) ec.getPublic()).keyID("e1").build()));
    try (ChatServer jwks = start(TokenConfig.jwks(TestTokens.write(dir.resolve("jwks.json"), keys.toString())));
        WireClient ann = WireClient.connect(jwks.addresses().get(0));
        WireClient bob = WireClient.connect(jwks.addresses().get(0));
        WireClient eve = WireClient.connect(jwks.addresses().get(0))) {
      assertThat(login(ann, TestTokens.rs256(rsa, "r1", claims("ann", IN_AN_HOUR, null))).nick()).isEqualTo("ann");
      assertThat(login(bob, TestTokens.es256(ec, "e1", claims("bob", IN_AN_HOUR, null))).nick()).isEqualTo("bob");

      eve.send(ClientMessage.Hello.withToken("h", TestTokens.es256(TestTokens.ec(), "e1", claims("eve", IN_AN_HOUR, null)),
          null, null));
      assertThat(eve.next()).isEqualTo(new ServerMessage.Error("h", "bad_credentials",
          "the token is not signed by a configured key", "hello", null, null, null));
      assertThat(eve.next()).isEqualTo(BAD_CREDENTIALS);
    }
  }

  private static byte[] frame(WireClient client, ClientMessage command) {
    io.netty.buffer.ByteBuf buf = io.netchat.codec.WireFormat.of("length", "json", 65536, io.netchat.codec.CodecRegistry.load())
        .encode(command, io.netty.buffer.ByteBufAllocator.DEFAULT);
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      return bytes;
    } finally {
      buf.release();
    }
  }
}
