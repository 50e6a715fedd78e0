package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract 1.1 items 2 and 3: msgid on every message and dm, and txn retries answered once. */
class MessageIdentityTest {
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;
  private EmbeddedServer.Connection bob;

  @BeforeEach
  void start() {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(LimitsConfig.builder().messagesPerSecond(1000).burst(1000).historySize(50).build()));
    ann = server.login("ann");
    bob = server.login("bob");
    for (EmbeddedServer.Connection member : List.of(ann, bob)) {
      member.send(new ClientMessage.Join(null, "r", null));
    }
    ann.received();
    bob.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void everyMessageHasItsOwnMsgidAndBacklogAndHistoryRepeatIt() {
    Set<String> msgids = new HashSet<>();
    for (int i = 1; i <= 5; i++) {
      ann.send(new ClientMessage.Say("s" + i, "r", "line " + i));
      List<Object> out = ann.received();
      ServerMessage.Message message = (ServerMessage.Message) out.get(0);
      assertThat(out.get(1)).isEqualTo(new ServerMessage.Ok("s" + i, (long) i, message.msgid(), null));
      assertThat(message.msgid()).matches("[A-Za-z0-9_-]{13,}");
      assertThat(message.txn()).isNull();
      msgids.add(message.msgid());
    }
    assertThat(msgids).hasSize(5);
    bob.received();

    bob.send(new ClientMessage.History("h", "r", null, null));
    ServerMessage.History history = (ServerMessage.History) bob.received().get(0);
    assertThat(history.messages()).extracting(ServerMessage.Message::msgid).containsExactlyInAnyOrderElementsOf(msgids);

    EmbeddedServer.Connection carl = server.login("carl");
    carl.send(new ClientMessage.Join(null, "r", 2L));
    assertThat(carl.received()).filteredOn(ServerMessage.Message.class::isInstance)
        .extracting(m -> ((ServerMessage.Message) m).msgid())
        .containsExactlyElementsOf(history.messages().subList(2, 5).stream().map(ServerMessage.Message::msgid).toList());
  }

  @Test
  void aRepeatedTxnIsAnsweredWithTheFirstSeqAndMsgidAndIsNotSentAgain() {
    ann.send(new ClientMessage.Say("s1", "r", "once", "t-1"));
    List<Object> first = ann.received();
    ServerMessage.Message message = (ServerMessage.Message) first.get(0);
    assertThat(message.txn()).as("the broadcast carries the txn").isEqualTo("t-1");
    assertThat(first.get(1)).isEqualTo(new ServerMessage.Ok("s1", 1L, message.msgid(), null));
    assertThat(bob.received()).containsExactly(message);

    ann.send(new ClientMessage.Say("s2", "r", "once", "t-1"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("s2", 1L, message.msgid(), true));
    assertThat(bob.received()).as("nothing broadcast again").isEmpty();

    ann.send(new ClientMessage.Say("s3", "r", "twice", "t-2"));
    assertThat(ann.received()).element(1).isEqualTo(new ServerMessage.Ok("s3", 2L, server.context().rooms().get("r").msgid(2), null));

    bob.received();
    bob.send(new ClientMessage.Say("s4", "r", "bob's own", "t-1"));
    assertThat(bob.received()).as("another session's txn is its own").hasSize(2).element(1)
        .isEqualTo(new ServerMessage.Ok("s4", 3L, server.context().rooms().get("r").msgid(3), null));
  }

  @Test
  void pipelinedRetriesOfOneTxnAreAnsweredInOrderAndDeliveredOnce() {
    ann.sendAll(new ClientMessage.Say("a", "r", "x", "t"), new ClientMessage.Say("b", "r", "x", "t"),
        new ClientMessage.Say(null, "r", "x", "t"));
    List<Object> out = ann.received();
    ServerMessage.Message message = (ServerMessage.Message) out.get(0);
    assertThat(out).containsExactly(message, new ServerMessage.Ok("a", 1L, message.msgid(), null),
        new ServerMessage.Ok("b", 1L, message.msgid(), true));
    assertThat(bob.received()).containsExactly(message);
  }

  @Test
  void aRepeatedDmTxnIsAnsweredOnceAndTheRecipientSeesOneDm() {
    ann.send(new ClientMessage.Dm("d1", "bob", "psst", "t-9"));
    ServerMessage.Dm dm = (ServerMessage.Dm) bob.last();
    assertThat(dm.txn()).isEqualTo("t-9");
    assertThat(dm.msgid()).isNotBlank();
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("d1", null, dm.msgid(), null));

    ann.send(new ClientMessage.Dm("d2", "bob", "psst", "t-9"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("d2", null, dm.msgid(), true));
    assertThat(bob.received()).isEmpty();

    ann.send(new ClientMessage.Dm("d3", "bob", "again", null));
    assertThat(((ServerMessage.Dm) bob.last()).msgid()).isNotEqualTo(dm.msgid());
  }

  @Test
  void aRefusedSayRecordsNoTxn() {
    ann.send(new ClientMessage.Say("s1", "r", "x".repeat(5000), "t-big"));
    assertThat(((ServerMessage.Error) ann.last()).errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
    ann.send(new ClientMessage.Say("s2", "r", "fits", "t-big"));
    List<Object> out = ann.received();
    assertThat(out).hasSize(2);
    assertThat(((ServerMessage.Ok) out.get(1)).wasDuplicate()).isFalse();
  }
}
