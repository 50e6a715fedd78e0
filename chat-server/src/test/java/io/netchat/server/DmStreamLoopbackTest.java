package io.netchat.server;

import static io.netchat.server.AccountsLoopbackTest.PASSWORD;
import static io.netchat.server.AccountsLoopbackTest.config;
import static io.netchat.server.AccountsLoopbackTest.error;
import static io.netchat.server.AccountsLoopbackTest.registered;
import static io.netchat.server.DevicesLoopbackTest.device;
import static io.netchat.server.DevicesLoopbackTest.guest;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-account dm stream (docs/PROTOCOL.md §18.5) over real sockets: every dm an account's
 * sessions receive or send is numbered in the account's stream, a session with {@code dmstream}
 * sees the numbers and resumes with {@code dms{since, epoch}}, any other session sees dms as
 * before, and a guest has no stream.
 */
class DmStreamLoopbackTest {
  @RegisterExtension
  final LoopbackServer running = new LoopbackServer();

  /** A session of the account {@code nick} that takes the dm stream. */
  static WireClient streaming(InetSocketAddress address, String nick) throws IOException {
    WireClient client = WireClient.connect(address);
    client.send(new ClientMessage.Hello("h", nick, 1, "test/1.0", List.of("events", "dmstream"), null, PASSWORD,
        null));
    assertThat(client.expect(ServerMessage.Welcome.class).caps()).contains("dmstream");
    client.expect(ServerMessage.Ok.class, ok -> "h".equals(ok.re()));
    return client;
  }

  /** Registers {@code nick} and ends that first session. */
  private static void account(InetSocketAddress address, String nick) throws Exception {
    try (WireClient first = registered(address, nick)) {
      first.send(new ClientMessage.Quit("q", null));
      assertThat(first.closedByServer()).isTrue();
    }
  }

  /** The answer to {@code dms}: the {@code dms} frame, any {@code gap}, the dms, up to the ok. */
  private static List<ServerMessage> resume(WireClient client, String id, Long since, String epoch)
      throws IOException {
    client.send(new ClientMessage.Dms(id, since, epoch));
    ServerMessage.DmStream head = client.expect(ServerMessage.DmStream.class, d -> id.equals(d.re()));
    List<ServerMessage> answer = new ArrayList<>(List.of(head));
    for (ServerMessage next = client.next(); !(next instanceof ServerMessage.Ok ok && id.equals(ok.re()));
        next = client.next()) {
      answer.add(next);
    }
    return answer;
  }

  private static ServerMessage.Dm dm(WireClient from, WireClient to, String target, String text) throws IOException {
    from.send(new ClientMessage.Dm(null, target, text));
    return to.expect(ServerMessage.Dm.class, dm -> text.equals(dm.text()));
  }

  @Test
  void dmsOfAnAccountAreNumberedOnEveryDeviceAndAResumeReplaysWhatWasMissed() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    account(address, "alice");
    try (WireClient laptop = streaming(address, "alice"); WireClient plain = device(address, "alice");
        WireClient bob = guest(address, "bob")) {
      String epoch;
      long afterFirst;
      try (WireClient phone = streaming(address, "alice")) {
        ServerMessage.Dm first = dm(bob, phone, "alice", "one");
        assertThat(first.seq()).isEqualTo(1);
        epoch = first.epoch();
        assertThat(epoch).isNotNull();
        assertThat(dm(bob, laptop, "alice", "two").seq()).isEqualTo(2); // laptop got "one" too
        ServerMessage.Dm withoutStream = plain.expect(ServerMessage.Dm.class, d -> "two".equals(d.text()));
        assertThat(withoutStream.seq()).as("a session without dmstream sees dms as before").isNull();
        assertThat(withoutStream.epoch()).isNull();

        ServerMessage.Dm sent = dm(laptop, phone, "bob", "three, from the laptop");
        assertThat(sent.seq()).as("what an account sends is in its stream too").isEqualTo(3);
        assertThat(bob.expect(ServerMessage.Dm.class, d -> d.text().startsWith("three")).seq())
            .as("a guest has no stream").isNull();
        afterFirst = 1;
      } // the phone drops; the dms go on
      dm(bob, laptop, "alice", "four");
      dm(bob, laptop, "alice", "five");

      try (WireClient phone = streaming(address, "alice")) {
        List<ServerMessage> answer = resume(phone, "r", afterFirst, epoch);
        assertThat(answer.get(0)).isEqualTo(new ServerMessage.DmStream(epoch, 5, true, "r"));
        assertThat(answer.subList(1, answer.size())).extracting(m -> ((ServerMessage.Dm) m).text())
            .containsExactly("two", "three, from the laptop", "four", "five");

        List<ServerMessage> stale = resume(phone, "s", 2L, "another-epoch");
        assertThat(((ServerMessage.DmStream) stale.get(0)).wasRecovered()).isFalse();
        assertThat(stale).as("another epoch: the latest page").hasSize(6);
      }
    }
  }

  @Test
  void aResumeFromBeforeWhatIsHeldGetsAGapThenTheRest() throws Exception {
    ServerConfig config = config(AuthConfig.defaults());
    InetSocketAddress address = running.start(config.withLimits(config.limits().toBuilder().historySize(3).build()));
    account(address, "carol");
    try (WireClient carol = streaming(address, "carol"); WireClient dan = guest(address, "dan")) {
      String epoch = null;
      for (int i = 1; i <= 5; i++) {
        epoch = dm(dan, carol, "carol", "n" + i).epoch();
      }
      List<ServerMessage> answer = resume(carol, "r", 0L, epoch);
      assertThat(answer.get(0)).isEqualTo(new ServerMessage.DmStream(epoch, 5, false, "r"));
      assertThat(answer.get(1)).isEqualTo(ServerMessage.Gap.ofDms(1, 2));
      assertThat(answer.subList(2, answer.size())).extracting(m -> ((ServerMessage.Dm) m).seq())
          .containsExactly(3L, 4L, 5L);
    }
  }

  @Test
  void aGuestHasNoStreamAndASessionWithoutTheCapabilityCannotAskForOne() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    account(address, "erin");
    try (WireClient guest = WireClient.connect(address); WireClient plain = device(address, "erin")) {
      guest.send(new ClientMessage.Hello("h", "gil", 1, "test/1.0", List.of("dmstream"), null, null, null));
      guest.expect(ServerMessage.Welcome.class);
      guest.send(new ClientMessage.Dms("1", null, null));
      assertThat(error(guest, "1").code()).isEqualTo("not_logged_in");
      plain.send(new ClientMessage.Dms("2", null, null));
      assertThat(error(plain, "2").code()).isEqualTo("bad_request");
    }
  }

  @Test
  void sqliteKeepsTheStreamItsEpochAndNumberingAcrossARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ServerConfig config = config(AuthConfig.defaults())
        .withStore(TestServers.sqlite(dir, io.netchat.store.StoreConfig.Durability.COMMIT));
    InetSocketAddress address = running.start(config);
    account(address, "alice");
    String epoch;
    try (WireClient alice = streaming(address, "alice"); WireClient bob = guest(address, "bob")) {
      dm(bob, alice, "alice", "before");
      epoch = dm(bob, alice, "alice", "the restart").epoch();
    }

    address = running.start(config);
    try (WireClient alice = streaming(address, "alice"); WireClient bob = guest(address, "bob")) {
      List<ServerMessage> answer = resume(alice, "r", 1L, epoch);
      assertThat(answer.get(0)).isEqualTo(new ServerMessage.DmStream(epoch, 2, true, "r"));
      assertThat(answer.subList(1, answer.size())).singleElement().isInstanceOfSatisfying(ServerMessage.Dm.class,
          kept -> {
            assertThat(kept.text()).isEqualTo("the restart");
            assertThat(kept.seq()).isEqualTo(2);
            assertThat(kept.from()).isEqualTo("bob");
          });
      ServerMessage.Dm next = dm(bob, alice, "alice", "after");
      assertThat(next.seq()).as("the numbering goes on").isEqualTo(3);
      assertThat(next.epoch()).isEqualTo(epoch);
    }
  }
}
