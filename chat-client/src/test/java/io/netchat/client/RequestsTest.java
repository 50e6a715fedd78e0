package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests part on an {@link EmbeddedChannel}: every outcome (answer, error, timeout, end of
 * the session) completes the command's future right where it happens — on the event loop, with
 * no delivery thread involved — and a join's completion is reported before its future completes.
 */
class RequestsTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final List<String> order = new ArrayList<>();
  private final Requests requests = new Requests(8, channel.eventLoop(), Duration.ofSeconds(5),
      joined -> order.add("joinCompleted " + joined.room()));

  @AfterEach
  void finish() {
    for (Object out; (out = channel.readOutbound()) != null; ) {
      assertThat(out).isInstanceOf(ClientMessage.class);
    }
    channel.finishAndReleaseAll();
  }

  private CompletableFuture<Reply> write(ClientMessage command) {
    CompletableFuture<Reply> result = new CompletableFuture<>();
    requests.write(channel, command, result);
    return result;
  }

  /** What {@code future} already failed with (null if it did not). */
  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isDone();
    return future.handle((value, error) -> error).join();
  }

  @Test
  void aLostSessionKeepsSendsWithATxnForRetryAndCompletesASayWhoseMessageCameBack() {
    CompletableFuture<Reply> seen = write(new ClientMessage.Say(requests.nextId(), "lobby", "seen", "t1"));
    CompletableFuture<Reply> unseen = write(new ClientMessage.Say(requests.nextId(), "lobby", "unseen", "t2"));
    CompletableFuture<Reply> dm = write(new ClientMessage.Dm(requests.nextId(), "bob", "psst", "t3"));
    CompletableFuture<Reply> plain = write(new ClientMessage.Say(requests.nextId(), "lobby", "v1", null));
    ServerMessage.Message own = new ServerMessage.Message("lobby", 7, "ann", "seen", java.time.Instant.EPOCH, "m7", "t1");
    requests.ownMessage(own);

    List<RequestTracker.Pending> kept = requests.endAll("connection lost", true);

    assertThat(seen).isCompletedWithValue(new Reply(own, new ServerMessage.Ok("nc-1", 7L, "m7", null)));
    assertThat(kept).extracting(pending -> pending.future).containsExactly(unseen, dm);
    assertThat(unseen).isNotDone();
    assertThat(failure(plain)).isInstanceOf(ChatConnectionException.class);
    assertThat(requests.endAll("closed", false)).isEmpty();
  }

  @Test
  void aJoinCompletesWithItsAnswerWhenItsOkArrives() {
    CompletableFuture<Reply> join = write(new ClientMessage.Join(requests.nextId(), "lobby", null));
    join.thenRun(() -> order.add("future"));
    ServerMessage.Joined joined = new ServerMessage.Joined("lobby", "", List.of("ann"), 4);

    assertThat(requests.attach(joined)).isNotNull();
    assertThat(join).isNotDone();
    requests.settle(new ServerMessage.Ok("nc-1", null));

    assertThat(join).isCompletedWithValue(new Reply(joined, new ServerMessage.Ok("nc-1", null)));
    assertThat(order).containsExactly("joinCompleted lobby", "future");
  }

  @Test
  void anErrorFailsTheCommandItNames() {
    CompletableFuture<Reply> say = write(new ClientMessage.Say("s1", "lobby", "hi"));
    requests.settle(new ServerMessage.Error("s1", ErrorCode.NOT_JOINED.wireName(), "not in lobby"));
    assertThat(say).isCompletedExceptionally();
    assertThat(failure(say)).isInstanceOf(ChatErrorException.class);
  }

  @Test
  void aCommandWithoutAnswerTimesOut() {
    CompletableFuture<Reply> who = write(new ClientMessage.Who("w1", "lobby"));
    channel.advanceTimeBy(5, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(failure(who)).isInstanceOf(TimeoutException.class)
        .hasMessage("no answer to who 'w1' within 5000 ms");
  }

  @Test
  void theEndOfTheSessionCompletesQuitsAndFailsTheRest() {
    CompletableFuture<Reply> quit = write(new ClientMessage.Quit("q1", null));
    CompletableFuture<Reply> who = write(new ClientMessage.Who("w1", "lobby"));
    requests.settle(new ServerMessage.Ok("q1", null));
    assertThat(quit).as("a quit is done when the connection is").isNotDone();

    requests.endAll("connection lost");

    assertThat(quit).isCompletedWithValue(new Reply(null, null));
    assertThat(failure(who)).isInstanceOf(ChatConnectionException.class)
        .hasMessage("connection lost before the answer to who 'w1'");
  }

  @Test
  void aCommandWithoutIdCompletesOnceWritten() {
    assertThat(write(new ClientMessage.Pong(null))).isCompletedWithValue(new Reply(null, null));
  }
}
