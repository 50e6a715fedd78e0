package io.netchat.server;

import static io.netchat.server.AccountsLoopbackTest.config;
import static io.netchat.server.AccountsLoopbackTest.registered;
import static io.netchat.server.DevicesLoopbackTest.device;
import static io.netchat.server.DevicesLoopbackTest.guest;
import static io.netchat.server.DevicesLoopbackTest.untilWho;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.AuthConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code txn} is remembered per account (docs/PROTOCOL.md §13.2): a retry from another device
 * of the account, or from a new login after a reconnect that did not resume, is answered
 * {@code duplicate: true} with the first send's seq and msgid and is not delivered again. A guest's
 * txns stay its own session's.
 */
class TxnPerAccountTest {
  @RegisterExtension
  final LoopbackServer running = new LoopbackServer();

  private static void join(WireClient client, String room) throws IOException {
    client.send(new ClientMessage.Join("j-" + room, room, null));
    client.expect(ServerMessage.Ok.class, ok -> ("j-" + room).equals(ok.re()));
  }

  private static ServerMessage.Ok say(WireClient client, String id, String text, String txn) throws IOException {
    client.send(new ClientMessage.Say(id, "lobby", text, txn));
    return client.expect(ServerMessage.Ok.class, ok -> id.equals(ok.re()));
  }

  private static List<String> texts(List<ServerMessage> seen) {
    return seen.stream().filter(ServerMessage.Message.class::isInstance)
        .map(m -> ((ServerMessage.Message) m).text()).toList();
  }

  @Test
  void aTxnRepeatedFromAnotherDeviceOfTheAccountIsADuplicate() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    try (WireClient phone = registered(address, "alice"); WireClient laptop = device(address, "alice");
        WireClient bob = guest(address, "bob")) {
      join(bob, "lobby");
      join(phone, "lobby");
      join(laptop, "lobby");
      ServerMessage.Ok first = say(phone, "1", "once", "t-1");
      ServerMessage.Ok again = say(laptop, "2", "once, from the laptop", "t-1");
      assertThat(again.wasDuplicate()).isTrue();
      assertThat(again.seq()).isEqualTo(first.seq());
      assertThat(again.msgid()).isEqualTo(first.msgid());

      laptop.send(new ClientMessage.Dm("3", "bob", "a dm", "t-2"));
      String msgid = laptop.expect(ServerMessage.Ok.class, ok -> "3".equals(ok.re())).msgid();
      phone.send(new ClientMessage.Dm("4", "bob", "a dm", "t-2"));
      ServerMessage.Ok dmAgain = phone.expect(ServerMessage.Ok.class, ok -> "4".equals(ok.re()));
      assertThat(dmAgain.wasDuplicate()).isTrue();
      assertThat(dmAgain.msgid()).isEqualTo(msgid);

      List<ServerMessage> seen = untilWho(bob, "lobby");
      assertThat(texts(seen)).as("delivered once").containsExactly("once");
      assertThat(seen).filteredOn(ServerMessage.Dm.class::isInstance).hasSize(1);
    }
  }

  @Test
  void aTxnRepeatedAfterAReconnectWithALoginIsADuplicate() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    try (WireClient bob = guest(address, "bob")) {
      join(bob, "lobby");
      ServerMessage.Ok first;
      try (WireClient alice = registered(address, "alice")) {
        join(alice, "lobby");
        first = say(alice, "1", "sent before the drop", "t-7");
      } // the connection drops without quit; the client logs in again with its password, no resume
      try (WireClient again = device(address, "alice")) {
        join(again, "lobby");
        ServerMessage.Ok retried = say(again, "2", "sent before the drop", "t-7");
        assertThat(retried.wasDuplicate()).isTrue();
        assertThat(retried.seq()).isEqualTo(first.seq());
        assertThat(retried.msgid()).isEqualTo(first.msgid());
        assertThat(say(again, "3", "a new one", "t-8").wasDuplicate()).isFalse();
      }
      assertThat(texts(untilWho(bob, "lobby"))).containsExactly("sent before the drop", "a new one");
    }
  }

  @Test
  void twoGuestsKeepTheirOwnTxns() throws Exception {
    InetSocketAddress address = running.start(config(AuthConfig.defaults()));
    try (WireClient ann = guest(address, "ann"); WireClient bob = guest(address, "bob")) {
      join(ann, "lobby");
      join(bob, "lobby");
      assertThat(say(ann, "1", "ann's", "t-1").wasDuplicate()).isFalse();
      assertThat(say(bob, "2", "bob's", "t-1").wasDuplicate()).isFalse();
      untilWho(ann, "lobby");
      assertThat(texts(ann.seen())).containsExactly("ann's", "bob's");
    }
  }
}
