package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.room.Room;
import io.netchat.store.StoreUnavailableException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms over a durable store whose commits and reads the test lets through one by one: what is
 * broadcast and acknowledged when, and that answers keep command order and backlogs meet live
 * messages without a gap or a repeat while the store is slow.
 */
class StoredRoomsTest {
  private final ManualStore store = new ManualStore();
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;
  private EmbeddedServer.Connection bob;

  @BeforeEach
  void start() {
    store.preload("r", "r", 30); // an earlier process stored 30 messages; the ring starts empty
    server = new EmbeddedServer(ServerConfig.defaults().withStore(TestServers.MEMORY)
        .withTimeouts(TestServers.timeouts(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
        .withLimits(TestServers.limits(null, null, null, 10, 1000, 1000, null, null)), store);
    ann = server.connect();
    bob = server.connect();
    ann.send(new ClientMessage.Hello(null, "ann"));
    bob.send(new ClientMessage.Hello(null, "bob"));
    ann.received();
    bob.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  @Test
  void aSayIsBroadcastAndAcknowledgedOnlyAfterItsCommitAndLaterAnswersWait() {
    join(ann, 30L);
    join(bob, 30L);
    ann.sendAll(new ClientMessage.Say("s", "r", "durable"), new ClientMessage.Ping("p"));

    assertThat(ann.received()).as("nothing before the commit, not even the pong").isEmpty();
    assertThat(bob.received()).isEmpty();

    store.commitNext();
    ServerMessage.Message message = message("r", 31, "ann", "durable");
    assertThat(ann.received()).containsExactly(message, ok("s", 31L, "r"), new ServerMessage.Pong("p"));
    assertThat(bob.received()).containsExactly(message);
  }

  @Test
  void aSessionOnAnotherLoopThanItsRoomAlsoWaitsForTheCommit() {
    join(ann, 30L);
    join(bob, 30L); // bob's connection is not on the room's loop
    bob.sendAll(new ClientMessage.Say("s1", "r", "one"), new ClientMessage.Say("s2", "r", "two"),
        new ClientMessage.Ping("p"), new ClientMessage.Who("w", "r"));
    assertThat(bob.received()).isEmpty();

    store.commitNext();
    List<Object> first = bob.received();
    assertThat(first).as("the second say waits for the first one's answer").containsExactly(
        message("r", 31, "bob", "one"), ok("s1", 31L, "r"));
    store.commitNext();
    List<Object> rest = bob.received();
    assertThat(rest.subList(0, 3)).containsExactly(
        message("r", 32, "bob", "two"), ok("s2", 32L, "r"),
        new ServerMessage.Pong("p"));
    assertThat(rest.get(3)).isInstanceOf(ServerMessage.Members.class);
    assertThat(rest.get(4)).isEqualTo(new ServerMessage.Ok("w"));
  }

  /** Logs a 1.1 session in as {@code nick} (resuming {@code secret} unless null); returns its welcome. */
  private ServerMessage.Welcome hello11(EmbeddedServer.Connection connection, String nick, String secret) {
    connection.send(ContractNegotiationTest.hello11("h", nick, secret));
    List<Object> answers = connection.received();
    assertThat(answers).hasSize(2).last().isEqualTo(new ServerMessage.Ok("h"));
    return (ServerMessage.Welcome) answers.get(0);
  }

  /**
   * A retry of a say's txn on a resumed connection is not ordered after the old connection's
   * commands: it reaches the room while the first say still waits for its commit. It must join
   * that say, not store the message a second time, and be answered {@code duplicate} with the
   * first one's seq and msgid once it commits.
   */
  @Test
  void aTxnRetriedOnAResumedConnectionWhileTheFirstAwaitsItsCommitIsStoredOnce() {
    join(bob, 30L);
    EmbeddedServer.Connection old = server.connect();
    String secret = hello11(old, "cid", null).session();
    join(old, 30L);
    old.send(new ClientMessage.Say("s1", "r", "once", "t-1"));
    assertThat(store.waitingWrites()).isEqualTo(1);

    EmbeddedServer.Connection resumed = server.connect();
    hello11(resumed, "cid", secret);
    resumed.send(new ClientMessage.Say("s2", "r", "once", "t-1"));
    assertThat(store.waitingWrites()).as("the retry joined the say still waiting").isEqualTo(1);
    assertThat(resumed.received()).as("no answer before the first say's commit").isEmpty();

    store.commitNext();
    ServerMessage.Message stored = new ServerMessage.Message("r", 31, "cid", "once", EmbeddedServer.NOW,
        server.context().rooms().get("r").msgid(31), "t-1");
    assertThat(resumed.received()).containsExactly(stored,
        new ServerMessage.Ok("s2", 31L, stored.msgid(), true));
    assertThat(bob.received()).containsExactly(stored);
    assertThat(store.waitingWrites()).isZero();

    resumed.send(new ClientMessage.Say("s3", "r", "once", "t-1"));
    assertThat(resumed.received()).as("a later retry: answered at once")
        .containsExactly(new ServerMessage.Ok("s3", 31L, stored.msgid(), true));
    assertThat(store.waitingWrites()).isZero();
  }

  /** A retry that joined a say the store then refused gets the same refusal; the txn is free again. */
  @Test
  void aRetryThatJoinedARefusedSayGetsTheSameRefusalAndTheTxnIsFreeAgain() {
    join(bob, 30L);
    EmbeddedServer.Connection old = server.connect();
    String secret = hello11(old, "cid", null).session();
    join(old, 30L);
    old.send(new ClientMessage.Say("s1", "r", "once", "t-1"));
    EmbeddedServer.Connection resumed = server.connect();
    hello11(resumed, "cid", secret);
    resumed.send(new ClientMessage.Say("s2", "r", "once", "t-1"));

    store.failNext(Reason.DISK);
    assertThat(resumed.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class, error -> {
      assertThat(error.re()).isEqualTo("s2");
      assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE.wireName());
      assertThat(error.command()).isEqualTo("say");
    });
    assertThat(bob.received()).isEmpty();

    resumed.send(new ClientMessage.Say("s3", "r", "once", "t-1"));
    assertThat(store.waitingWrites()).as("the refused txn is sent anew").isEqualTo(1);
    store.commitNext();
    assertThat(resumed.received()).last().isEqualTo(ok("s3", 31L, "r"));
  }

  /**
   * Issue 11: when the store gives a room a new epoch while running (under durability async, a
   * failed write lost acknowledged messages), the room in memory takes it: a re-join or a history
   * naming the old epoch re-syncs instead of being told it recovered, and msgids follow the epoch.
   */
  @Test
  void aNewEpochFromTheStoreIsTakenByTheRoomSoClientsReSync() {
    join(ann, 30L);
    ann.send(new ClientMessage.Say("s", "r", "acked, then lost"));
    store.commitNext();
    ann.received();
    Room room = server.context().rooms().get("r");
    String before = room.epoch();
    String beforeMsgid = room.msgid(31);

    store.newEpoch("r", 4242);
    server.settle();
    assertThat(room.epoch()).isEqualTo("4242");
    assertThat(room.msgid(31)).isNotEqualTo(beforeMsgid);

    bob.send(new ClientMessage.Join("j", "r", 30L, before));
    while (store.waitingReads() > 0) {
      store.readNext();
    }
    assertThat(bob.received().get(0)).isInstanceOfSatisfying(ServerMessage.Joined.class, joined -> {
      assertThat(joined.epoch()).isEqualTo("4242");
      assertThat(joined.recovered()).as("the old epoch's seqs cannot be trusted").isFalse();
    });
    bob.send(new ClientMessage.History("h", "r", null, 5, before));
    assertThat(bob.received()).singleElement().isInstanceOfSatisfying(ServerMessage.Error.class,
        error -> assertThat(error.code()).isEqualTo(ErrorCode.EPOCH_CHANGED.wireName()));
  }

  @Test
  void commandsPipelinedBehindTheJoinThatLoadsARoomFindIt() {
    bob.sendAll(new ClientMessage.Join("j", "fresh", null), new ClientMessage.Say("s", "fresh", "first"),
        new ClientMessage.Who("w", "fresh"));
    store.commitNext();
    List<Object> answers = bob.received();
    assertThat(answers.subList(0, 4)).containsExactly(
        joined("fresh", "", List.of("bob"), 0), new ServerMessage.Ok("j"),
        message("fresh", 1, "bob", "first"), ok("s", 1L, "fresh"));
    assertThat(answers.get(4)).isInstanceOf(ServerMessage.Members.class);
    assertThat(answers.get(5)).isEqualTo(new ServerMessage.Ok("w"));
  }

  @Test
  void aConnectionThatDropsWhileItsJoinLoadsTheRoomStillLeavesIt() {
    bob.arrive(new ClientMessage.Join("j", "fresh", null));
    bob.server.close();
    server.settle();
    ann.send(new ClientMessage.Join("j", "fresh", null));
    assertThat(ann.received()).containsExactly(
        joined("fresh", "", List.of("ann"), 0), new ServerMessage.Ok("j"));
  }

  @Test
  void aRefusedSayAnswersUnavailableToItsSenderAloneAndTheNextOneIsServed() {
    join(ann, 30L);
    join(bob, 30L);
    ann.send(new ClientMessage.Say("s1", "r", "refused"));
    store.failNext(Reason.QUEUE_FULL);
    ServerMessage refusal = ann.last();
    assertThat(refusal).isInstanceOf(ServerMessage.Error.class);
    assertThat(((ServerMessage.Error) refusal).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(((ServerMessage.Error) refusal).re()).isEqualTo("s1");

    bob.send(new ClientMessage.Say("b", "r", "disk broken"));
    store.failNext(Reason.DISK);
    assertThat(((ServerMessage.Error) bob.last()).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    ann.send(new ClientMessage.Ping("still-here"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Pong("still-here"));

    ann.send(new ClientMessage.Say("s2", "r", "disk back"));
    store.commitNext();
    assertThat(ann.received()).containsExactly(
        message("r", 31, "ann", "disk back"), ok("s2", 31L, "r"));
    assertThat(bob.received()).extracting(m -> ((ServerMessage.Message) m).seq()).containsExactly(31L);
  }

  @Test
  void aBacklogReadFromTheStoreMeetsLiveMessagesWithoutAGapOrARepeat() {
    join(ann, 30L);
    bob.send(new ClientMessage.Join("j", "r", 20L)); // 21..30 are on disk only
    assertThat(store.waitingReads()).isEqualTo(1);
    assertThat(bob.received()).as("the join waits for the read").isEmpty();

    for (int i = 0; i < 3; i++) { // live messages while bob's read is on the way
      ann.send(new ClientMessage.Say(null, "r", "live " + i));
      store.commitNext();
    }
    assertThat(ann.received()).hasSize(3);
    assertThat(bob.received()).isEmpty();

    store.readNext();
    List<Object> joined = bob.received();
    assertThat(joined.get(0)).isInstanceOf(ServerMessage.Joined.class);
    assertThat(((ServerMessage.Joined) joined.get(0)).seq()).isEqualTo(33);
    assertThat(joined.get(joined.size() - 1)).isEqualTo(new ServerMessage.Ok("j"));
    assertThat(seqs(joined)).containsExactlyElementsOf(LongStream.rangeClosed(21, 33).boxed().toList());
    assertThat(((ServerMessage.Message) joined.get(1)).text()).isEqualTo("stored 21");

    ann.send(new ClientMessage.Say(null, "r", "after"));
    store.commitNext();
    assertThat(seqs(bob.received())).containsExactly(34L);
  }

  /**
   * A stored topic change (31) and a live one (33) while the read is on the way: an {@code events}
   * session's backlog has both in their place and meets the live stream without a gap or a
   * repeat; a v1 session's has the messages only, and no gap where the events were.
   */
  @Test
  void aBacklogFromTheStoreHoldsTopicChangesInTheirPlaceForEventsSessionsOnly() {
    store.preloadTopic("r", "stored topic", "old");
    store.preload("r", "r", 1); // seq 32: "stored 1"
    join(bob, 32L);
    EmbeddedServer.Connection eve = server.connect();
    eve.send(new ClientMessage.Hello(null, "eve", 1, null, List.of("events"), null));
    eve.received();
    eve.send(new ClientMessage.Join("j", "r", 28L));
    ann.send(new ClientMessage.Join("j", "r", 30L));
    assertThat(store.waitingReads()).isEqualTo(2);

    bob.send(new ClientMessage.Topic(null, "r", "live topic"));
    store.commitNext();
    assertThat(bob.received()).containsExactly(new ServerMessage.Topic("r", "live topic", "bob", 33L));

    store.readNext();
    List<Object> events = eve.received();
    assertThat(((ServerMessage.Joined) events.get(0)).seq()).isEqualTo(33);
    assertThat(events.subList(1, events.size())).containsExactly(
        storedMessage(29, "stored 29"), storedMessage(30, "stored 30"),
        new ServerMessage.Topic("r", "stored topic", "old", 31L), storedMessage(32, "stored 1"),
        new ServerMessage.Topic("r", "live topic", "bob", 33L), new ServerMessage.Ok("j"));

    store.readNext();
    List<Object> messages = ann.received();
    assertThat(messages.get(0)).isInstanceOf(ServerMessage.Joined.class);
    assertThat(messages.subList(1, messages.size())).as("no gap for the events' seqs")
        .containsExactly(storedMessage(32, "stored 1"), new ServerMessage.Ok("j"));

    bob.send(new ClientMessage.Say(null, "r", "after"));
    store.commitNext();
    assertThat(seqs(eve.received())).containsExactly(34L);
    assertThat(seqs(ann.received())).containsExactly(34L);
  }

  /** A message as an earlier process stored it: from "old" at the epoch, with its derived msgid. */
  private ServerMessage.Message storedMessage(long seq, String text) {
    return new ServerMessage.Message("r", seq, "old", text, java.time.Instant.EPOCH,
        server.context().rooms().get("r").msgid(seq), null);
  }

  @Test
  void aBacklogPastWhatTheStoreKeepsStartsWithAGap() {
    bob.send(new ClientMessage.Join("j", "r", 5L));
    store.readNext();
    List<Object> joined = bob.received();
    // history_size 10: the newest 10 missed messages, and a gap for the older ones
    assertThat(joined.get(1)).isEqualTo(new ServerMessage.Gap("r", 6, 20));
    assertThat(seqs(joined)).containsExactlyElementsOf(LongStream.rangeClosed(21, 30).boxed().toList());
  }

  @Test
  void historyBeforeTheRingIsReadFromTheStoreInOrderAndLaterCommandsWait() {
    join(ann, 30L);
    ann.sendAll(new ClientMessage.History("h", "r", 11L, 5), new ClientMessage.Ping("p"));
    assertThat(ann.received()).isEmpty();
    store.readNext();
    List<Object> answers = ann.received();
    assertThat(answers).hasSize(3);
    ServerMessage.History history = (ServerMessage.History) answers.get(0);
    assertThat(history.messages()).extracting(ServerMessage.Message::seq).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(history.more()).isTrue();
    assertThat(answers.subList(1, 3)).containsExactly(new ServerMessage.Ok("h"), new ServerMessage.Pong("p"));
  }

  @Test
  void aRoomComesBackWithItsTopicAndItsSeqContinues() {
    join(ann, 30L);
    ann.send(new ClientMessage.Topic("t", "r", "kept"));
    assertThat(ann.received()).as("the topic waits for its commit too").isEmpty();
    store.commitNext();
    assertThat(ann.received()).as("numbered in the room's stream by the store")
        .containsExactly(new ServerMessage.Topic("r", "kept", "ann", 31L), new ServerMessage.Ok("t"));

    ann.send(new ClientMessage.Leave(null, "r"));
    ann.received();
    server.finish(); // the rooms are gone with this server; the store keeps them

    server = new EmbeddedServer(ServerConfig.defaults().withStore(TestServers.MEMORY), store);
    EmbeddedServer.Connection cid = server.connect();
    cid.send(new ClientMessage.Hello(null, "cid"));
    cid.received();
    cid.send(new ClientMessage.Join("j", "r", 31L));
    assertThat(cid.received()).containsExactly(
        joined("r", "kept", List.of("cid"), 31), new ServerMessage.Ok("j"));
    cid.send(new ClientMessage.Say("s", "r", "next"));
    store.commitNext();
    assertThat(cid.last()).isEqualTo(ok("s", 32L, "r"));
  }

  /** A message as a room of this server sends it: with its msgid (contract 1.1). */
  private ServerMessage.Message message(String room, long seq, String from, String text) {
    return new ServerMessage.Message(room, seq, from, text, EmbeddedServer.NOW, server.context().rooms().get(room).msgid(seq),
        null);
  }

  /** The ok of a say: its seq and the msgid of that message in the room {@code room}. */
  private ServerMessage.Ok ok(String re, long seq, String room) {
    return new ServerMessage.Ok(re, seq, server.context().rooms().get(room).msgid(seq), null);
  }

  /** A v1 join's answer from this server: with the room's (stored) epoch, not recovered. */
  private ServerMessage.Joined joined(String room, String topic, List<String> members, long seq) {
    return new ServerMessage.Joined(room, topic, members, seq, members.size(), server.context().rooms().get(room).epoch(),
        false);
  }

  private void join(EmbeddedServer.Connection connection, Long since) {
    connection.send(new ClientMessage.Join(null, "r", since));
    while (store.waitingReads() > 0) {
      store.readNext();
    }
    connection.received();
    ann.received();
    bob.received();
  }

  private static List<Long> seqs(List<Object> frames) {
    List<Long> seqs = new ArrayList<>();
    for (Object frame : frames) {
      if (frame instanceof ServerMessage.Message message) {
        seqs.add(message.seq());
      }
    }
    return seqs;
  }
}
