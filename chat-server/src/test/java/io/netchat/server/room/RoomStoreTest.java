package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import io.netchat.store.MemoryStore;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.StoredMessage;
import io.netty.channel.DefaultEventLoop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How rooms answer and log a store's refusal, and how a stored event looks on the wire. */
class RoomStoreTest {
  private static final Instant TS = Instant.parse("2026-03-01T09:30:00.250Z");

  private final List<String> logged = new ArrayList<>();
  private final RoomStore store = new RoomStore(new MemoryStore(StoreConfig.Durability.COMMIT,
      StoreConfig.DEFAULT_RETENTION), (cause, line) -> logged.add(cause + " | " + line));

  @Test
  void eachReasonTheStoreGivesIsAnsweredUnavailableWithItsOwnWordsAndLoggedByIt() {
    assertThat(store.refusal("1", "a say", new StoreUnavailableException(StoreUnavailableException.Reason.QUEUE_FULL,
        "queue full"))).isEqualTo(new ServerMessage.Error("1", "unavailable",
            "the server is storing more than it can; try again shortly"));
    assertThat(store.refusal("2", "a read", new CompletionException(new StoreUnavailableException(
        StoreUnavailableException.Reason.DISK, "disk I/O error")))).as("unwrapped from a future's failure")
        .isEqualTo(new ServerMessage.Error("2", "unavailable",
            "the server cannot write or read its store now; try again later"));
    assertThat(store.refusal(null, "a topic", StoreUnavailableException.closed()).message())
        .isEqualTo("the server is stopping");
    assertThat(logged).containsExactly("QUEUE_FULL | store refused a say: queue full",
        "DISK | store refused a read: disk I/O error", "CLOSED | store refused a topic: store closed");
  }

  @Test
  void anyOtherFailureIsUnavailableTooAndLoggedByItsClass() {
    IllegalStateException bug = new IllegalStateException("room x was not opened");
    assertThat(store.refusal("3", "a join", new CompletionException(bug))).isEqualTo(new ServerMessage.Error("3",
        "unavailable", "the server could not use its store; try again later"));
    assertThat(logged).containsExactly(
        "java.lang.IllegalStateException | store failed a join: java.lang.IllegalStateException: room x was not opened");
  }

  @Test
  void aStoredMessageKeepsItsTxnActionAndDerivedMsgid() {
    StoredMessage plain = new StoredMessage(7, StoredMessage.Kind.MESSAGE, "ann", "hi", TS, "t-1", false);
    StoredMessage action = new StoredMessage(8, StoredMessage.Kind.MESSAGE, "ann", "waves", TS, null, true);
    assertThat(RoomStore.event("Lobby", seq -> "m" + seq, plain))
        .isEqualTo(new ServerMessage.Message("Lobby", 7, "ann", "hi", TS, "m7", "t-1", null));
    assertThat(RoomStore.event("Lobby", seq -> "m" + seq, action))
        .isEqualTo(new ServerMessage.Message("Lobby", 8, "ann", "waves", TS, "m8", null, true));
  }

  @Test
  void aStoredTopicChangeNamesWhoSetItUnlessItWasCleared() {
    assertThat(RoomStore.event("Lobby", seq -> "m", StoredMessage.topic(9, "bob", "Fri 8pm", TS)))
        .isEqualTo(new ServerMessage.Topic("Lobby", "Fri 8pm", "bob", 9L));
    assertThat(RoomStore.event("Lobby", seq -> "m", StoredMessage.topic(10, "", "", TS)))
        .isEqualTo(new ServerMessage.Topic("Lobby", "", null, 10L));
  }

  @Test
  void aStoredModerationEventIsDecodedWithItsSeq() {
    ServerMessage.Kick kick = new ServerMessage.Kick("Lobby", "mallory", "ann", "spam", null);
    StoredMessage stored = StoredMessage.event(11, "ann", RoomEventText.encode(kick), TS);
    assertThat(RoomStore.event("Lobby", seq -> "m", stored))
        .isEqualTo(new ServerMessage.Kick("Lobby", "mallory", "ann", "spam", 11L));
  }

  @Test
  void aContinuationForALoopThatStoppedIsDroppedNotThrown() throws Exception {
    DefaultEventLoop loop = new DefaultEventLoop();
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    RoomStore.on(loop).execute(() -> ran.complete(Thread.currentThread()));
    assertThat(ran.get(10, TimeUnit.SECONDS)).as("runs on the loop").matches(loop::inEventLoop);
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    RoomStore.on(loop).execute(() -> ran.obtrudeValue(null));
    assertThat(ran.get()).isNotNull();
  }
}
