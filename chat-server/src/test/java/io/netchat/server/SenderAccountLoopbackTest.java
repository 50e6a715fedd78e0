package io.netchat.server;

import static io.netchat.server.AccountsLoopbackTest.config;
import static io.netchat.server.AccountsLoopbackTest.registered;
import static io.netchat.server.DevicesLoopbackTest.device;
import static io.netchat.server.DevicesLoopbackTest.guest;
import static io.netchat.server.DevicesLoopbackTest.untilWho;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code account} on {@code message}, {@code dm}, {@code presence} and member lists
 * (docs/PROTOCOL.md §12.9) over real sockets: the sender's or member's account, absent for a
 * guest, the same bytes for every recipient, and kept by the sqlite store across a restart.
 */
class SenderAccountLoopbackTest {
  @RegisterExtension
  final LoopbackServer running = new LoopbackServer();
  @TempDir
  Path dir;

  private static void join(WireClient client, String room) throws IOException {
    client.send(new ClientMessage.Join("j-" + room, room, null));
    client.expect(ServerMessage.Ok.class, ok -> ("j-" + room).equals(ok.re()));
  }

  private static ServerMessage.Message say(WireClient from, WireClient to, String text) throws IOException {
    from.send(new ClientMessage.Say(null, "lobby", text));
    return to.expect(ServerMessage.Message.class, m -> text.equals(m.text()));
  }

  @Test
  void messagesDmsPresenceAndMemberListsNameTheAccountAndNothingForAGuest() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    try (WireClient alice = registered(address, "alice"); WireClient bob = guest(address, "bob");
        WireClient v1 = WireClient.login(address, "vic")) {
      join(bob, "lobby");
      join(v1, "lobby");
      join(alice, "lobby");
      assertThat(bob.expect(ServerMessage.Presence.class, p -> "alice".equals(p.nick())))
          .isEqualTo(new ServerMessage.Presence("lobby", "alice", "join", null, null, null, "alice"));
      assertThat(v1.expect(ServerMessage.Presence.class, p -> "alice".equals(p.nick())).account())
          .as("a v1 session gets the new field too: it ignores fields it does not know (§12.1)")
          .isEqualTo("alice");

      assertThat(say(alice, bob, "from an account").account()).isEqualTo("alice");
      assertThat(say(alice, alice, "my own copy").account()).isEqualTo("alice");
      assertThat(say(bob, alice, "from a guest").account()).isNull();

      bob.send(new ClientMessage.Who("w", "lobby"));
      ServerMessage.Members members = bob.expect(ServerMessage.Members.class);
      assertThat(members.nicks()).containsExactly("alice", "bob", "vic");
      assertThat(members.accounts()).as("guests are left out").isEqualTo(Map.of("alice", "alice"));
      try (WireClient carol = guest(address, "carol")) {
        carol.send(new ClientMessage.Join("j", "lobby", null));
        ServerMessage.Joined joined = carol.expect(ServerMessage.Joined.class);
        assertThat(joined.accountOf("alice")).isEqualTo("alice");
        assertThat(joined.accountOf("bob")).isNull();
      }

      alice.send(new ClientMessage.Dm("d1", "bob", "psst"));
      assertThat(bob.expect(ServerMessage.Dm.class).account()).isEqualTo("alice");
      bob.send(new ClientMessage.Dm("d2", "alice", "yes?"));
      assertThat(alice.expect(ServerMessage.Dm.class).account()).isNull();

      alice.send(new ClientMessage.Nick("n", "ally"));
      alice.expect(ServerMessage.Ok.class, ok -> "n".equals(ok.re()));
      ServerMessage.Message renamed = say(alice, bob, "under another nick");
      assertThat(renamed.from()).isEqualTo("ally");
      assertThat(renamed.account()).as("the account is who sent it, whatever the nick").isEqualTo("alice");
      alice.send(new ClientMessage.Away("a", "lunch"));
      alice.expect(ServerMessage.Ok.class, ok -> "a".equals(ok.re()));
      alice.send(new ClientMessage.Quit("q", null));
      assertThat(bob.expect(ServerMessage.Presence.class, p -> "quit".equals(p.event())).account()).isEqualTo("alice");
    }
  }

  @Test
  void aSessionWithOneAccountSeesTheSameFrameAsAnyOther() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    try (WireClient alice = registered(address, "alice"); WireClient laptop = device(address, "alice");
        WireClient bob = guest(address, "bob")) {
      join(alice, "lobby");
      join(laptop, "lobby");
      join(bob, "lobby");
      ServerMessage.Message onBob = say(alice, bob, "encoded once");
      assertThat(laptop.expect(ServerMessage.Message.class, m -> "encoded once".equals(m.text()))).isEqualTo(onBob);
      assertThat(alice.expect(ServerMessage.Message.class, m -> "encoded once".equals(m.text()))).isEqualTo(onBob);
      assertThat(untilWho(bob, "lobby")).noneMatch(ServerMessage.Presence.class::isInstance);
    }
  }

  @Test
  void sqliteGivesBackTheAccountOfAMessageAndOfAKeptDmAfterARestart() throws Exception {
    ServerConfig config = config(AuthConfig.defaults()).withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT));
    InetSocketAddress address = running.start(config);
    try (WireClient erin = registered(address, "erin")) {
      erin.send(new ClientMessage.Quit("q", null));
      assertThat(erin.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> running.server().context().users().find("erin") == null);
    try (WireClient alice = registered(address, "alice"); WireClient bob = guest(address, "bob")) {
      join(alice, "lobby");
      join(bob, "lobby");
      say(alice, bob, "kept with my account");
      say(bob, alice, "kept as a guest's");
      alice.send(new ClientMessage.Dm("d", "erin", "while you were out"));
      assertThat(alice.expect(ServerMessage.Ok.class, ok -> "d".equals(ok.re())).delivery()).isEqualTo("stored");
    }

    address = running.start(config);
    try (WireClient carol = guest(address, "carol")) {
      carol.send(new ClientMessage.Join("j", "lobby", null));
      carol.expect(ServerMessage.Joined.class);
      List<ServerMessage.Message> backlog = List.of(carol.expect(ServerMessage.Message.class),
          carol.expect(ServerMessage.Message.class));
      assertThat(backlog).extracting(ServerMessage.Message::account).containsExactly("alice", null);
      carol.send(new ClientMessage.History("h", "lobby", null, 10));
      assertThat(carol.expect(ServerMessage.History.class).messages()).extracting(ServerMessage.Message::account)
          .containsExactly("alice", null);
    }
    try (WireClient erin = device(address, "erin")) {
      ServerMessage.Dm kept = erin.expect(ServerMessage.Dm.class); // handed over once the store read it
      assertThat(kept.wasStored()).isTrue();
      assertThat(kept.account()).isEqualTo("alice");
    }
  }
}
