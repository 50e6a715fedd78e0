package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.CodecRegistry;
import io.netchat.server.config.AuthConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SASL PLAIN on the IRC listener against the accounts of PROTOCOL §15, over real sockets: a right
 * password logs in (900, 903) and registration ends under the account's nick; a wrong one gets
 * 904 and the connection may try again; a guest cannot take a registered nick (433).
 */
class IrcSaslTest {
  private ChatServer server;
  private InetSocketAddress json;
  private InetSocketAddress irc;

  @BeforeEach
  void start() throws Exception {
    server = ChatServer.start(TestServers.config(TestServers.loopback("length", "json"),
            TestServers.loopback("irc", "irc")).withAuth(AuthConfig.defaults().withPassword(AccountsLoopbackTest.CHEAP)),
        CodecRegistry.load(), Clock.systemUTC());
    json = server.addresses().get(0);
    irc = server.addresses().get(1);
    AccountsLoopbackTest.registered(json, "carol").close();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String plain(String authzid, String authcid, String password) {
    return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void saslPlainLogsInToTheAccountAndRegistrationEndsUnderItsNick() throws Exception {
    try (LineClient client = new LineClient(irc)) {
      client.type("CAP LS 302", "NICK someone", "USER c 0 * :Carol");
      assertThat(client.line()).isEqualTo(":netchat CAP * LS :cap-notify echo-message message-tags sasl=PLAIN server-time");
      client.type("CAP REQ :sasl");
      assertThat(client.line()).isEqualTo(":netchat CAP * ACK :sasl");
      client.type("AUTHENTICATE SCRAM-SHA-256");
      assertThat(client.line()).isEqualTo(":netchat 908 * PLAIN :are available SASL mechanisms");
      assertThat(client.line()).isEqualTo(":netchat 904 * :SASL authentication failed");
      client.type("AUTHENTICATE PLAIN");
      assertThat(client.line()).isEqualTo("AUTHENTICATE +");
      client.type("AUTHENTICATE " + plain("", "carol", "wrong horse"));
      assertThat(client.line()).isEqualTo(":netchat 904 * :SASL authentication failed");
      client.type("AUTHENTICATE PLAIN");
      assertThat(client.line()).isEqualTo("AUTHENTICATE +");
      client.type("AUTHENTICATE " + plain("carol", "carol", AccountsLoopbackTest.PASSWORD));
      assertThat(client.line()).isEqualTo(":netchat 900 carol carol!~carol@netchat carol :You are now logged in as carol");
      assertThat(client.line()).isEqualTo(":netchat 903 carol :SASL authentication successful");
      client.type("CAP END");
      assertThat(client.line()).isEqualTo(":netchat 001 carol :Welcome to the netchat IRC network, carol!~carol@netchat");
    }
  }

  @Test
  void aGuestCannotTakeARegisteredNickAndAbortingSaslIsAnswered() throws Exception {
    try (LineClient client = new LineClient(irc)) {
      client.type("CAP REQ sasl", "AUTHENTICATE PLAIN", "AUTHENTICATE *");
      assertThat(client.line()).isEqualTo(":netchat CAP * ACK :sasl");
      assertThat(client.line()).isEqualTo("AUTHENTICATE +");
      assertThat(client.line()).isEqualTo(":netchat 906 * :SASL authentication aborted");
      client.type("CAP END", "NICK carol", "USER c 0 * :not carol");
      assertThat(client.line()).isEqualTo(":netchat 433 * carol :Nickname is reserved by a different account");
      client.type("NICK carol_");
      assertThat(client.line()).startsWith(":netchat 001 carol_ ");
    }
  }

  @Test
  void passIsThePasswordOfTheAccountNickNames() throws Exception {
    try (LineClient wrong = new LineClient(irc); LineClient right = new LineClient(irc)) {
      wrong.type("PASS nope", "NICK carol", "USER c 0 * :c");
      assertThat(wrong.line()).isEqualTo(":netchat 464 * :Password incorrect");
      right.type("PASS :" + AccountsLoopbackTest.PASSWORD, "NICK carol", "USER c 0 * :c");
      assertThat(right.line()).startsWith(":netchat 001 carol ");
    }
  }
}
