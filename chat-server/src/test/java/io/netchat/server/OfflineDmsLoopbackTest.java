package io.netchat.server;

import static io.netchat.server.AccountsLoopbackTest.PASSWORD;
import static io.netchat.server.AccountsLoopbackTest.config;
import static io.netchat.server.AccountsLoopbackTest.error;
import static io.netchat.server.AccountsLoopbackTest.hello;
import static io.netchat.server.AccountsLoopbackTest.registered;
import static io.netchat.server.DevicesLoopbackTest.device;
import static io.netchat.server.DevicesLoopbackTest.guest;
import static io.netchat.server.DevicesLoopbackTest.untilPong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline dms over real sockets (docs/PROTOCOL.md §18): a dm to a registered account with no
 * session is kept ({@code ok{delivery: "stored"}}) and delivered once at its next login — also
 * across a restart of the sqlite store, and with two sessions logging in at once — with a
 * {@code gap{dms}} for those dropped past the bound.
 */
class OfflineDmsLoopbackTest {
  @TempDir
  Path dir;
  @RegisterExtension
  final LoopbackServer running = new LoopbackServer();
  private InetSocketAddress address;

  /** Registers {@code nick} and logs it out, so that it is an account with no session. */
  private void registeredAndAway(String nick) throws Exception {
    try (WireClient client = registered(address, nick)) {
      client.send(new ClientMessage.Quit("q", null));
      assertThat(client.closedByServer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> running.server().context().users().find(nick) == null);
  }

  private static ServerMessage.Ok dm(WireClient from, String id, String to, String text) throws Exception {
    from.send(new ClientMessage.Dm(id, to, text));
    return from.expect(ServerMessage.Ok.class, ok -> id.equals(ok.re()));
  }

  private static List<ServerMessage.Dm> dms(List<ServerMessage> messages) {
    return messages.stream().filter(ServerMessage.Dm.class::isInstance).map(ServerMessage.Dm.class::cast).toList();
  }

  @Test
  void aDmToAnAccountWithNoSessionIsStoredAndDeliveredOnceAtItsNextLogin() throws Exception {
    address = running.start(config(AuthConfig.defaults()));
    registeredAndAway("bob");
    try (WireClient alice = guest(address, "alice")) {
      assertThat(dm(alice, "1", "bob", "first").delivery()).isEqualTo("stored");
      assertThat(dm(alice, "2", "Bob", "second").delivery()).isEqualTo("stored");
      alice.send(new ClientMessage.Dm("3", "nobody", "hello?"));
      assertThat(error(alice, "3").code()).as("not an account: no one to keep it for").isEqualTo("no_such_user");

      try (WireClient bob = device(address, "bob")) {
        List<ServerMessage.Dm> got = dms(untilPong(bob, "p"));
        assertThat(got).extracting(ServerMessage.Dm::text).containsExactly("first", "second");
        assertThat(got).allMatch(ServerMessage.Dm::wasStored).allMatch(dm -> "alice".equals(dm.from()));
        assertThat(dm(alice, "4", "bob", "live now").delivery()).isEqualTo("delivered");
        ServerMessage.Dm live = bob.expect(ServerMessage.Dm.class);
        assertThat(live.wasStored()).isFalse();
        try (WireClient again = device(address, "bob")) {
          assertThat(dms(untilPong(again, "p"))).as("handed out once").isEmpty();
        }
      }
    }
  }

  @Test
  void aV1SendersOkStaysV1AndStoredDmsPastTheBoundAreAGapThenTheNewest() throws Exception {
    ServerConfig config = config(AuthConfig.defaults());
    address = running.start(config.withLimits(config.limits().toBuilder().maxOfflineDmsPerAccount(2).build()));
    registeredAndAway("carol");
    try (WireClient v1 = WireClient.login(address, "dan")) {
      ServerMessage.Ok ok = dm(v1, "1", "carol", "one");
      assertThat(ok.delivery()).as("a v1 session's ok stays v1").isNull();
      dm(v1, "2", "carol", "two");
      dm(v1, "3", "carol", "three");
    }
    try (WireClient carol = device(address, "carol")) {
      List<ServerMessage> got = untilPong(carol, "p");
      assertThat(got.get(0)).isEqualTo(ServerMessage.Gap.ofDms(1, 1));
      assertThat(dms(got)).extracting(ServerMessage.Dm::text).containsExactly("two", "three");
    }
  }

  @Test
  void sqliteKeepsThemAcrossARestartAndTwoLoginsAtOnceGetThemOnce() throws Exception {
    ServerConfig config = config(AuthConfig.defaults()).withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT));
    address = running.start(config);
    registeredAndAway("erin");
    try (WireClient fred = guest(address, "fred")) {
      for (int i = 1; i <= 5; i++) {
        assertThat(dm(fred, "d" + i, "erin", "note " + i).delivery()).isEqualTo("stored");
      }
    }
    address = running.start(config);
    try (WireClient phone = WireClient.connect(address); WireClient laptop = WireClient.connect(address)) {
      AtomicInteger together = new AtomicInteger();
      CompletableFuture<List<ServerMessage>> onPhone =
          CompletableFuture.supplyAsync(() -> loginAndRead(phone, together, 5));
      CompletableFuture<List<ServerMessage>> onLaptop =
          CompletableFuture.supplyAsync(() -> loginAndRead(laptop, together, 5));
      List<ServerMessage.Dm> all = new ArrayList<>(dms(onPhone.get()));
      all.addAll(dms(onLaptop.get()));
      assertThat(all).extracting(ServerMessage.Dm::text)
          .containsExactlyInAnyOrder("note 1", "note 2", "note 3", "note 4", "note 5");
      assertThat(dms(onPhone.get()).isEmpty() || dms(onLaptop.get()).isEmpty())
          .as("one session took them all, in order").isTrue();
    }
    address = running.start(config);
    try (WireClient erin = device(address, "erin")) {
      assertThat(dms(untilPong(erin, "p"))).as("delivered dms are gone from the disk").isEmpty();
    }
  }

  /**
   * Logs in to erin and reads, ping after ping, until both sessions together have been handed
   * {@code expected} dms (the store's take completes on its own thread, after the welcome), then
   * once more: a second hand-over would show.
   */
  private static List<ServerMessage> loginAndRead(WireClient client, AtomicInteger together, int expected) {
    try {
      client.send(hello("h", "erin", PASSWORD));
      client.expect(ServerMessage.Welcome.class);
      List<ServerMessage> got = new ArrayList<>();
      AtomicInteger pings = new AtomicInteger();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        List<ServerMessage> more = untilPong(client, "p" + pings.incrementAndGet());
        got.addAll(more);
        return together.addAndGet(dms(more).size()) >= expected;
      });
      got.addAll(untilPong(client, "last"));
      return got;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
