package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.Capability;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.LimitsConfig;
import io.netchat.server.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract 1.1 items 4 and 5: the room epoch and {@code recovered}, {@code epoch_changed}, and a
 * topic change numbered in the room's stream, replayed only to sessions that take events.
 */
class RecoveryTest {
  private static final Duration RETENTION = Duration.ofMinutes(10);
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;

  @BeforeEach
  void start() {
    server = new EmbeddedServer(ServerConfig.defaults()
        .withEmptyRoomRetention(RETENTION)
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(LimitsConfig.builder().messagesPerSecond(1000).burst(1000).historySize(5).build()));
    ann = server.login("ann");
    ann.send(new ClientMessage.Join(null, "r", null));
    ann.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  private void say(int count) {
    for (int i = 0; i < count; i++) {
      ann.send(new ClientMessage.Say(null, "r", "m"));
    }
    ann.received();
  }

  private String epoch() {
    return server.context().rooms().get("r").epoch();
  }

  @Test
  void aJoinFromTheSameEpochWithNothingMissingIsRecovered() {
    say(4);
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join("j", "r", 2L, epoch()));
    List<Object> out = bob.received();
    assertThat(out.get(0)).isEqualTo(new ServerMessage.Joined("r", "", List.of("ann", "bob"), 4, 2, epoch(), true));
    assertThat(out.subList(1, out.size() - 1)).extracting(m -> ((ServerMessage.Message) m).seq()).containsExactly(3L, 4L);
    assertThat(out.get(out.size() - 1)).isEqualTo(new ServerMessage.Ok("j"));
  }

  @Test
  void aJoinFromTheSameEpochPastTheWindowGetsAGapAndIsNotRecovered() {
    say(9); // history_size 5: seqs 5..9 held
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join(null, "r", 1L, epoch()));
    List<Object> out = bob.received();
    assertThat(((ServerMessage.Joined) out.get(0)).recovered()).isFalse();
    assertThat(out.get(1)).isEqualTo(new ServerMessage.Gap("r", 2, 4));
    assertThat(out.subList(2, out.size())).extracting(m -> ((ServerMessage.Message) m).seq())
        .containsExactly(5L, 6L, 7L, 8L, 9L);
  }

  @Test
  void aRecreatedRoomHasANewEpochAndAnswersAStaleJoinWithTheLatestPageUnrecovered() {
    say(3);
    String old = epoch();
    ann.send(new ClientMessage.Leave(null, "r"));
    ann.received();
    ann.server.advanceTimeBy(RETENTION.toMinutes() + 1, TimeUnit.MINUTES);
    ann.server.runPendingTasks();
    assertThat(server.context().rooms().get("r")).as("the room expired").isNull();

    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join(null, "r", null));
    bob.send(new ClientMessage.Say(null, "r", "new one"));
    bob.send(new ClientMessage.Say(null, "r", "new two"));
    bob.received();
    assertThat(epoch()).isNotEqualTo(old);

    // ann comes back with since = 3 of the old epoch: the new room has only seqs 1 and 2
    ann.send(new ClientMessage.Join("j", "r", 1L, old));
    List<Object> out = ann.received();
    assertThat(out.get(0)).isEqualTo(new ServerMessage.Joined("r", "", List.of("ann", "bob"), 2, 2, epoch(), false));
    assertThat(out.subList(1, 3)).extracting(m -> ((ServerMessage.Message) m).text()).containsExactly("new one", "new two");
    assertThat(out.get(3)).isEqualTo(new ServerMessage.Ok("j"));

    ann.send(new ClientMessage.History("h", "r", 3L, 10, old));
    assertThat(ann.received()).containsExactly(new ServerMessage.Error("h", ErrorCode.EPOCH_CHANGED,
        "room 'r' has a new epoch (it was recreated): its seqs count from its new start; join it again and read"
            + " without 'before'"));
    ann.send(new ClientMessage.History("h2", "r", null, 10, epoch()));
    assertThat(((ServerMessage.History) ann.received().get(0)).messages()).hasSize(2);
  }

  @Test
  void aV1JoinWithSinceStillReplaysAfterSinceAndSaysNotRecovered() {
    say(4);
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join(null, "r", 3L));
    List<Object> out = bob.received();
    assertThat(((ServerMessage.Joined) out.get(0)).recovered()).as("no epoch named: nothing proven").isFalse();
    assertThat(out.subList(1, out.size())).extracting(m -> ((ServerMessage.Message) m).seq()).containsExactly(4L);
  }

  @Test
  void aTopicChangeTakesTheNextSeqAndIsReplayedOnlyToSessionsThatTakeEvents() {
    EmbeddedServer.Connection bob = server.login("bob");
    bob.send(new ClientMessage.Join(null, "r", null));
    bob.received();
    say(1);
    bob.received();
    ann.send(new ClientMessage.Topic("t", "r", "news"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Topic("r", "news", "ann", 2L), new ServerMessage.Ok("t"));
    assertThat(bob.received()).as("a v1 client sees the topic broadcast as before, with a seq")
        .containsExactly(new ServerMessage.Topic("r", "news", "ann", 2L));
    say(1);
    String msgid3 = server.context().rooms().get("r").msgid(3);

    EmbeddedServer.Connection carl = server.login("carl");
    carl.send(new ClientMessage.Join(null, "r", 1L, epoch()));
    assertThat(carl.received()).as("v1 replay: messages only").containsExactly(
        new ServerMessage.Joined("r", "news", List.of("ann", "bob", "carl"), 3, 3, epoch(), true),
        new ServerMessage.Message("r", 3, "ann", "m", EmbeddedServer.NOW, msgid3, null));

    EmbeddedServer.Connection dora = server.login("dora");
    server.context().users().find("dora").negotiate(true, Set.of(Capability.EVENTS), null);
    dora.send(new ClientMessage.Join(null, "r", 1L, epoch()));
    assertThat(dora.received()).as("with the events capability: the topic change in its place").containsExactly(
        new ServerMessage.Joined("r", "news", List.of("ann", "bob", "carl", "dora"), 3, 4, epoch(), true, null,
            "member", null, null),
        new ServerMessage.Topic("r", "news", "ann", 2L),
        new ServerMessage.Message("r", 3, "ann", "m", EmbeddedServer.NOW, msgid3, null));

    dora.send(new ClientMessage.History(null, "r", null, null));
    assertThat(((ServerMessage.History) dora.received().get(0)).messages())
        .as("history lists messages only").extracting(ServerMessage.Message::seq).containsExactly(1L, 3L);
  }
}
