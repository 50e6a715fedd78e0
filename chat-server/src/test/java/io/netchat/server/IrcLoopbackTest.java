package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An IRC client (raw lines, as {@code nc} types them) and a netchat JSON client share room lobby as #lobby. */
class IrcLoopbackTest {
  private ChatServer server;
  private InetSocketAddress json;
  private InetSocketAddress irc;

  @BeforeEach
  void start() {
    start(TestServers.config(TestServers.loopback("length", "json"), TestServers.loopback("irc", "irc")));
  }

  private void start(ServerConfig config) {
    if (server != null) {
      server.close();
    }
    server = ChatServer.start(config, CodecRegistry.load(), Clock.systemUTC());
    json = server.addresses().get(0);
    irc = server.addresses().get(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LineClient registered(String nick) throws IOException {
    LineClient client = new LineClient(irc);
    client.type("NICK " + nick, "USER " + nick + " 0 * :" + nick);
    until(client, "422");
    return client;
  }

  /** Lines until one whose command (second word, or first without a source) is {@code command}. */
  static List<String> until(LineClient client, String command) throws IOException {
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = client.line();
      seen.add(line);
      String[] words = line.replaceFirst("^@\\S+ ", "").split(" ");
      String verb = words[0].startsWith(":") && words.length > 1 ? words[1] : words[0];
      if (verb.equals(command)) {
        return seen;
      }
    }
  }

  @Test
  void anIrcClientRegistersJoinsAndTalksWithAJsonClient() throws Exception {
    try (LineClient alice = new LineClient(irc); WireClient bob = new WireClient(json, "length", "json")) {
      alice.type("NICK alice", "USER alice 0 * :Alice A.");
      List<String> burst = until(alice, "422");
      assertThat(burst.get(0)).isEqualTo(":netchat 001 alice :Welcome to the netchat IRC network, alice!~alice@netchat");
      assertThat(String.join("\n", burst)).contains(" 005 alice ").contains("CHANTYPES=#").contains(" 251 alice ");

      alice.type("JOIN #lobby");
      assertThat(until(alice, "366")).containsExactly(":alice!~alice@netchat JOIN #lobby",
          ":netchat 353 alice = #lobby :alice", ":netchat 366 alice #lobby :End of /NAMES list.");

      bob.send(new ClientMessage.Hello(null, "bob"));
      bob.expect(ServerMessage.Welcome.class);
      bob.send(new ClientMessage.Join(null, "lobby", null));
      bob.expect(ServerMessage.Joined.class);
      assertThat(alice.line()).isEqualTo(":bob!~bob@netchat JOIN #lobby");

      bob.send(new ClientMessage.Say(null, "lobby", "hi alice"));
      assertThat(alice.line()).isEqualTo(":bob!~bob@netchat PRIVMSG #lobby :hi alice");

      alice.type("PRIVMSG #lobby :hello \u0002bob\u0002");
      ServerMessage.Message said = bob.expect(ServerMessage.Message.class, m -> m.from().equals("alice"));
      assertThat(said.text()).isEqualTo("hello bob");

      alice.type("PING :x1");
      assertThat(alice.line()).isEqualTo(":netchat PONG netchat :x1");
    }
  }

  @Test
  void theHeartbeatIsAnIrcPingAndASilentClientGetsErrorBeforeTheClose() throws Exception {
    start(TestServers.config(TestServers.loopback("length", "json"), TestServers.loopback("irc", "irc"))
        .withTimeouts(TestServers.timeouts(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(500))));
    try (LineClient alice = registered("alice")) {
      assertThat(alice.line()).isEqualTo("PING srv-1");
      alice.type("PONG srv-1");
      assertThat(alice.line()).isEqualTo("PING srv-2");
      assertThat(alice.line()).isEqualTo("ERROR :Closing link (ping_timeout)");
      assertThat(alice.closed()).isTrue();
    }
  }

  @Test
  void aFlooderIsRefusedThenClosedWithError() throws Exception {
    start(TestServers.config(TestServers.loopback("length", "json"), TestServers.loopback("irc", "irc"))
        .withLimits(TestServers.limits(null, null, null, null, 1, 1, 3, null)));
    try (LineClient alice = new LineClient(irc)) {
      alice.type("PING a", "PING b", "PING c", "PING d", "PING e");
      List<String> lines = until(alice, "ERROR");
      assertThat(lines.get(0)).isEqualTo(":netchat PONG netchat :a");
      assertThat(lines.get(1)).startsWith(":netchat NOTICE * :*** ").contains("(rate_limited)");
      assertThat(lines.get(lines.size() - 1)).isEqualTo("ERROR :Closing link (flooding)");
      assertThat(alice.closed()).isTrue();
    }
  }

  @Test
  void shutdownSaysErrorToIrcClients() throws Exception {
    LineClient alice = registered("alice");
    try {
      server.close();
      assertThat(until(alice, "ERROR")).last().asString().startsWith("ERROR :Closing link (");
      assertThat(alice.closed()).isTrue();
    } finally {
      alice.close();
    }
  }
}
