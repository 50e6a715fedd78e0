package io.netchat.server;

import static io.netchat.server.IrcLoopbackTest.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.ServerMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MODE, INVITE, AWAY, NICK, WHO, WHOIS, ISON, USERHOST and LIST on the IRC listener, between IRC
 * clients (raw lines, as {@code nc} types them) and a netchat JSON client that takes events: each
 * sees the other's mode, role, ban, invite, away and nick changes.
 */
class IrcModerationLoopbackTest {
  /** Modes with a parameter one MODE line may carry (the listener's MODES). */
  private static final int MODES_PER_LINE = 12;
  private ChatServer server;
  private InetSocketAddress json;
  private InetSocketAddress irc;

  @BeforeEach
  void start() {
    server = ChatServer.start(TestServers.config(TestServers.loopback("length", "json"),
        TestServers.loopback("irc", "irc")), CodecRegistry.load(), Clock.systemUTC());
    json = server.addresses().get(0);
    irc = server.addresses().get(1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LineClient register(String nick, String... caps) throws IOException {
    LineClient client = new LineClient(irc);
    if (caps.length > 0) {
      client.type("CAP LS 302", "CAP REQ :" + String.join(" ", caps), "CAP END");
    }
    client.type("NICK " + nick, "USER " + nick + " 0 * :" + nick);
    until(client, "422");
    return client;
  }

  private static void join(LineClient client, String channel) throws IOException {
    client.type("JOIN " + channel);
    until(client, "366");
  }

  /** The next line whose command is {@code command}, the lines before it skipped. */
  private static String next(LineClient client, String command) throws IOException {
    List<String> seen = until(client, command);
    return seen.get(seen.size() - 1);
  }

  private WireClient netchat(String nick) throws IOException {
    WireClient client = WireClient.connect(json);
    client.send(new ClientMessage.Hello("h", nick, 1, "test", List.of("events", "nick", "away", "roles"), null, null,
        null));
    client.expect(ServerMessage.Welcome.class);
    return client;
  }

  @Test
  void channelModesAreNetchatModesBothWays() throws Exception {
    try (LineClient alice = register("alice"); WireClient carol = netchat("carol")) {
      join(alice, "#den");
      carol.send(new ClientMessage.Join("j", "den", null));
      carol.expect(ServerMessage.Joined.class);
      assertThat(next(alice, "JOIN")).isEqualTo(":carol!~carol@netchat JOIN #den");

      alice.type("MODE #den +imt-s");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den +imt");
      ServerMessage.Mode seen = carol.expect(ServerMessage.Mode.class);
      assertThat(seen.inviteOnly()).isTrue();
      assertThat(seen.moderated()).isTrue();
      assertThat(seen.topicLocked()).isTrue();
      assertThat(seen.secret()).isNull();
      assertThat(seen.by()).isEqualTo("alice");

      alice.type("MODE #den +kl sesame 5");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den +kl sesame 5");
      alice.type("MODE #den");
      assertThat(alice.line()).isEqualTo(":netchat 324 alice #den +iklmnt sesame :5");

      carol.send(new ClientMessage.Mode("m", "den", false, "", null, null, null, 0));
      carol.expect(ServerMessage.Error.class); // carol is no op
      alice.type("MODE #den -ikl sesame");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den -ikl *");
      alice.type("MODE #den");
      assertThat(alice.line()).isEqualTo(":netchat 324 alice #den :+mnt");

      alice.type("MODE #den +o carol");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den +o carol");
      assertThat(carol.expect(ServerMessage.Role.class).role()).isEqualTo("op");
      carol.send(new ClientMessage.Mode("m2", "den", null, null, false, null, null, null));
      assertThat(alice.line()).isEqualTo(":carol!~carol@netchat MODE #den -m");
    }
  }

  @Test
  void modeRefusalsAreTheNumericsServersSend() throws Exception {
    try (LineClient alice = register("alice"); LineClient bob = register("bob")) {
      join(alice, "#den");
      join(bob, "#den");
      assertThat(next(alice, "JOIN")).isEqualTo(":bob!~bob@netchat JOIN #den");
      bob.type("MODE #den +m");
      assertThat(bob.line()).isEqualTo(":netchat 482 bob #den :You're not channel operator");
      alice.type("MODE #den +x");
      assertThat(alice.line()).isEqualTo(":netchat 472 alice x :is unknown mode char to me");
      alice.type("MODE #den +o nobody");
      assertThat(alice.line()).isEqualTo(":netchat 441 alice nobody #den :They aren't on that channel");
      alice.type("MODE #den +o");
      assertThat(alice.line()).startsWith(":netchat 696 alice #den o * :");
      alice.type("MODE #den +l many");
      assertThat(alice.line()).isEqualTo(":netchat 696 alice #den l many :Invalid limit mode parameter");
      alice.type("MODE #den +b bob!bob@example.org");
      assertThat(alice.line()).startsWith(":netchat 696 alice #den b bob!bob@example.org :");
      alice.type("MODE #elsewhere +m");
      assertThat(alice.line()).isEqualTo(":netchat 442 alice #elsewhere :You're not on that channel");
      bob.type("PART #den");
      next(bob, "PART");
      bob.type("MODE #den -o alice");
      assertThat(bob.line()).isEqualTo(":netchat 442 bob #den :You're not on that channel");
    }
  }

  @Test
  void rolesAndBansShowAsModeLines() throws Exception {
    try (LineClient alice = register("alice"); LineClient bob = register("bob"); WireClient carol = netchat("carol")) {
      join(alice, "#den");
      join(bob, "#den");
      carol.send(new ClientMessage.Join("j", "den", null));
      carol.expect(ServerMessage.Joined.class);
      next(alice, "JOIN");
      next(alice, "JOIN");

      alice.type("MODE #den +ov bob carol");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den +o bob");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE #den -o+v carol carol");
      assertThat(next(bob, "MODE")).isEqualTo(":alice!~alice@netchat MODE #den +o bob");
      assertThat(carol.expect(ServerMessage.Role.class, r -> r.nick().equals("carol")).role()).isEqualTo("voice");
      bob.type("NAMES #den");
      assertThat(next(bob, "353")).isEqualTo(":netchat 353 bob = #den :@alice @bob +carol");
      next(bob, "366");
      carol.send(new ClientMessage.Who("w", "den", null, null));
      assertThat(carol.expect(ServerMessage.Members.class).roles())
          .containsExactly(entry("alice", "owner"), entry("bob", "op"), entry("carol", "voice"));
      bob.type("WHO #den");
      assertThat(until(bob, "315")).containsExactly(
          ":netchat 352 bob #den ~alice netchat netchat alice H@ :0 alice",
          ":netchat 352 bob #den ~bob netchat netchat bob H@ :0 bob",
          ":netchat 352 bob #den ~carol netchat netchat carol H+ :0 carol",
          ":netchat 315 bob #den :End of WHO list.");

      bob.type("MODE #den -v carol");
      assertThat(next(alice, "MODE")).isEqualTo(":bob!~bob@netchat MODE #den -ov carol carol");

      bob.type("MODE #den +b spam*!*@*");
      assertThat(next(alice, "MODE")).isEqualTo(":bob!~bob@netchat MODE #den +b spam*!*@*");
      assertThat(carol.expect(ServerMessage.Ban.class).mask()).isEqualTo("spam*");
      carol.send(new ClientMessage.Role("r", "den", "carol", "op")); // not an op: refused
      carol.expect(ServerMessage.Error.class);
      alice.type("MODE #den +b $a:eve");
      assertThat(next(alice, "MODE")).isEqualTo(":alice!~alice@netchat MODE #den +b $a:eve");

      alice.type("MODE #den +b");
      List<String> list = until(alice, "368");
      assertThat(list).hasSize(3);
      assertThat(list.get(0)).matches(":netchat 367 alice #den \\$a:eve alice :\\d+");
      assertThat(list.get(1)).matches(":netchat 367 alice #den spam\\*!\\*@\\* bob :\\d+");
      assertThat(list.get(2)).isEqualTo(":netchat 368 alice #den :End of channel ban list");

      alice.type("MODE #den -b spam*");
      assertThat(next(alice, "MODE")).isEqualTo(":alice!~alice@netchat MODE #den -b spam*!*@*");
      assertThat(carol.expect(ServerMessage.Unban.class).mask()).isEqualTo("spam*");

      try (LineClient spammer = register("spammy")) {
        alice.type("MODE #den +b spam*");
        next(alice, "MODE");
        spammer.type("JOIN #den");
        assertThat(spammer.line()).isEqualTo(":netchat 474 spammy #den :Cannot join channel (+b)");
      }
    }
  }

  @Test
  void inviteLetsAUserIntoAnInviteOnlyChannel() throws Exception {
    try (LineClient alice = register("alice"); LineClient dave = register("dave"); WireClient carol = netchat("carol")) {
      join(alice, "#den");
      alice.type("MODE #den +i");
      next(alice, "MODE");
      dave.type("JOIN #den");
      assertThat(dave.line()).isEqualTo(":netchat 473 dave #den :Cannot join channel (+i)");

      alice.type("INVITE dave #den");
      assertThat(alice.line()).isEqualTo(":netchat 341 alice dave :#den");
      assertThat(dave.line()).isEqualTo(":alice!~alice@netchat INVITE dave #den");
      join(dave, "#den");
      next(alice, "JOIN");
      alice.type("INVITE dave #den");
      assertThat(alice.line()).isEqualTo(":netchat 443 alice dave #den :is already on channel");
      alice.type("INVITE nobody #den");
      assertThat(alice.line()).isEqualTo(":netchat 401 alice nobody :No such nick/channel");
      dave.type("INVITE carol #den");
      assertThat(next(dave, "482")).isEqualTo(":netchat 482 dave #den :You're not channel operator");
      alice.type("INVITE carol #den");
      assertThat(next(alice, "341")).isEqualTo(":netchat 341 alice carol :#den");
      ServerMessage.Invite invite = carol.expect(ServerMessage.Invite.class);
      assertThat(invite.by()).isEqualTo("alice");

      carol.send(new ClientMessage.Join("j", "den", null));
      carol.expect(ServerMessage.Joined.class);
      carol.send(new ClientMessage.Invite("i", "den", "alice"));
      carol.expect(ServerMessage.Error.class); // alice is in the room already
      dave.type("PART #den");
      next(dave, "PART");
      dave.type("INVITE alice #den");
      assertThat(dave.line()).isEqualTo(":netchat 442 dave #den :You're not on that channel");
    }
  }

  @Test
  void awayIsShownToPeersWithAwayNotifyAndOnPrivmsgAndWhois() throws Exception {
    try (LineClient alice = register("alice", "away-notify"); LineClient bob = register("bob");
        WireClient carol = netchat("carol")) {
      join(alice, "#den");
      join(bob, "#den");
      carol.send(new ClientMessage.Join("j", "den", null));
      carol.expect(ServerMessage.Joined.class);

      next(alice, "JOIN");
      next(bob, "JOIN");
      bob.type("AWAY :gone to lunch");
      assertThat(next(bob, "306")).isEqualTo(":netchat 306 bob :You have been marked as being away");
      assertThat(next(alice, "AWAY")).isEqualTo(":bob!~bob@netchat AWAY :gone to lunch");
      ServerMessage.Presence away = carol.expect(ServerMessage.Presence.class, p -> p.event().equals("away"));
      assertThat(away.text()).isEqualTo("gone to lunch");

      alice.type("PRIVMSG bob :are you there?");
      assertThat(alice.line()).isEqualTo(":netchat 301 alice bob :gone to lunch");
      assertThat(next(bob, "PRIVMSG")).isEqualTo(":alice!~alice@netchat PRIVMSG bob :are you there?");

      alice.type("WHOIS bob");
      List<String> whois = until(alice, "318");
      assertThat(whois.get(0)).isEqualTo(":netchat 311 alice bob ~bob netchat * :bob");
      assertThat(whois).contains(":netchat 319 alice bob :#den", ":netchat 312 alice bob netchat :netchat",
          ":netchat 301 alice bob :gone to lunch");
      assertThat(whois.get(whois.size() - 2)).matches(":netchat 317 alice bob 0 \\d+ :seconds idle, signon time");
      assertThat(whois.get(whois.size() - 1)).isEqualTo(":netchat 318 alice bob :End of /WHOIS list.");

      alice.type("USERHOST bob alice nobody");
      assertThat(alice.line()).isEqualTo(":netchat 302 alice :bob=-~bob@netchat alice=+~alice@netchat");

      carol.send(new ClientMessage.Away("a", "meeting"));
      assertThat(next(alice, "AWAY")).isEqualTo(":carol!~carol@netchat AWAY meeting");
      bob.type("AWAY");
      assertThat(bob.line()).isEqualTo(":netchat 305 bob :You are no longer marked as being away");
      assertThat(next(alice, "AWAY")).isEqualTo(":bob!~bob@netchat AWAY");
      assertThat(carol.expect(ServerMessage.Presence.class, p -> p.event().equals("back")).nick()).isEqualTo("bob");

      alice.type("WHOIS nobody");
      assertThat(alice.line()).isEqualTo(":netchat 401 alice nobody :No such nick/channel");
      assertThat(alice.line()).isEqualTo(":netchat 318 alice nobody :End of /WHOIS list.");
    }
  }

  @Test
  void awayNotifyIsOfferedAndFixedOnceRegistered() throws Exception {
    try (LineClient alice = new LineClient(irc)) {
      alice.type("CAP LS 302");
      assertThat(alice.line()).startsWith(":netchat CAP * LS :away-notify ");
      alice.type("CAP END", "NICK alice", "USER alice 0 * :A");
      until(alice, "422");
      alice.type("CAP REQ :away-notify");
      assertThat(alice.line()).isEqualTo(":netchat CAP alice NAK :away-notify");
      alice.type("CAP REQ :server-time");
      assertThat(alice.line()).isEqualTo(":netchat CAP alice ACK :server-time");
    }
  }

  @Test
  void nickChangesReachEveryoneAndAreRefusedAsServersDo() throws Exception {
    try (LineClient alice = register("alice"); LineClient bob = register("bob"); WireClient carol = netchat("carol")) {
      join(alice, "#den");
      join(bob, "#den");
      carol.send(new ClientMessage.Join("j", "den", null));
      carol.expect(ServerMessage.Joined.class);

      bob.type("NICK robert");
      assertThat(next(bob, "NICK")).isEqualTo(":bob!~bob@netchat NICK robert");
      assertThat(next(alice, "NICK")).isEqualTo(":bob!~bob@netchat NICK robert");
      assertThat(carol.expect(ServerMessage.Presence.class, p -> p.event().equals("nick")).newNick())
          .isEqualTo("robert");
      bob.type("PRIVMSG #den :still me");
      assertThat(next(alice, "PRIVMSG")).isEqualTo(":robert!~robert@netchat PRIVMSG #den :still me");

      carol.send(new ClientMessage.Nick("n", "caroline"));
      assertThat(next(alice, "NICK")).isEqualTo(":carol!~carol@netchat NICK caroline");

      assertThat(next(bob, "NICK")).isEqualTo(":carol!~carol@netchat NICK caroline");
      bob.type("NICK ALICE");
      assertThat(bob.line()).isEqualTo(":netchat 433 robert ALICE :Nickname is already in use");
      bob.type("NICK bad,nick");
      assertThat(bob.line()).isEqualTo(":netchat 432 robert bad,nick :Erroneous nickname");
      bob.type("NICK robert");
      bob.type("PING :same");
      assertThat(bob.line()).isEqualTo(":netchat PONG netchat :same"); // the same nick: nothing
    }
  }

  @Test
  void whoIsonUserhostListAndUserModes() throws Exception {
    try (LineClient alice = register("alice"); LineClient bob = register("bob")) {
      join(alice, "#den");
      alice.type("TOPIC #den :the den");
      next(alice, "TOPIC");
      join(bob, "#den");
      join(bob, "#attic");
      next(alice, "JOIN");

      alice.type("WHO #den");
      assertThat(until(alice, "315")).containsExactly(
          ":netchat 352 alice #den ~alice netchat netchat alice H@ :0 alice",
          ":netchat 352 alice #den ~bob netchat netchat bob H :0 bob",
          ":netchat 315 alice #den :End of WHO list.");
      alice.type("WHO bob");
      assertThat(until(alice, "315")).containsExactly(
          ":netchat 352 alice * ~bob netchat netchat bob H :0 bob",
          ":netchat 315 alice bob :End of WHO list.");
      alice.type("WHO nobody");
      assertThat(alice.line()).isEqualTo(":netchat 315 alice nobody :End of WHO list.");

      alice.type("ISON nobody BOB alice");
      assertThat(alice.line()).isEqualTo(":netchat 303 alice :bob alice");
      alice.type("ISON :nobody nothere");
      assertThat(alice.line()).isEqualTo(":netchat 303 alice :");

      alice.type("LIST");
      assertThat(until(alice, "323")).containsExactly(
          ":netchat 321 alice Channel :Users  Name",
          ":netchat 322 alice #attic 1 :",
          ":netchat 322 alice #den 2 :the den",
          ":netchat 323 alice :End of /LIST");
      alice.type("LIST #den,#none");
      assertThat(until(alice, "323")).containsExactly(
          ":netchat 321 alice Channel :Users  Name",
          ":netchat 322 alice #den 2 :the den",
          ":netchat 323 alice :End of /LIST");
      bob.type("MODE #attic +s");
      next(bob, "MODE");
      alice.type("LIST");
      assertThat(until(alice, "323")).doesNotContain(":netchat 322 alice #attic 1 :");

      alice.type("MODE alice");
      assertThat(alice.line()).isEqualTo(":netchat 221 alice :+");
      alice.type("MODE alice +i");
      assertThat(alice.line()).isEqualTo(":alice!~alice@netchat MODE alice +i");
      alice.type("MODE alice");
      assertThat(alice.line()).isEqualTo(":netchat 221 alice :+i");
      alice.type("MODE alice +w");
      assertThat(alice.line()).isEqualTo(":netchat 501 alice :Unknown MODE flag");
      alice.type("MODE bob +i");
      assertThat(alice.line()).isEqualTo(":netchat 502 alice :Can't change mode for other users");
    }
  }

  @Test
  void aFullBanListAndAnUnknownChannelAreTheirNumerics() throws Exception {
    try (LineClient alice = register("alice")) {
      join(alice, "#den");
      alice.type("MODE #nowhere");
      assertThat(alice.line()).isEqualTo(":netchat 403 alice #nowhere :No such channel");
      StringBuilder lines = new StringBuilder();
      for (int line = 0; line < 22; line++) { // 12 bans a line: 264, past netchat's 256 per room
        StringBuilder masks = new StringBuilder();
        for (int i = 0; i < MODES_PER_LINE; i++) {
          masks.append(" b").append(line * MODES_PER_LINE + i);
        }
        lines.append("MODE #den +bbbbbbbbbbbb").append(masks).append('\n');
      }
      alice.type(lines.toString().strip().split("\n"));
      String full = next(alice, "478");
      assertThat(full).isEqualTo(":netchat 478 alice #den b256 :Channel ban list is full");
    }
  }

  @Test
  void whoisNamesTheAccountOfALoggedInUser() throws Exception {
    try (WireClient carol = netchat("carol"); LineClient alice = register("alice")) {
      carol.send(new ClientMessage.Register("r", "carol's long password"));
      carol.expect(ServerMessage.Ok.class, ok -> "r".equals(ok.re()));
      alice.type("WHOIS carol");
      assertThat(until(alice, "318")).contains(":netchat 330 alice carol carol :is logged in as");
    }
  }
}
