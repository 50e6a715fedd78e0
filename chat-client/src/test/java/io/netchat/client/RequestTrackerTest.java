package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestTrackerTest {
  private final RequestTracker tracker = new RequestTracker(3);

  @Test
  void answerEventsGoToTheOldestMatchingCommand() {
    tracker.register(new ClientMessage.Who("w1", "a"), new CompletableFuture<>());
    tracker.register(new ClientMessage.Who("w2", "b"), new CompletableFuture<>());
    tracker.register(new ClientMessage.Who("w3", "a"), new CompletableFuture<>());

    assertThat(tracker.attach(new ServerMessage.Members("A", List.of("x"))).command.id()).isEqualTo("w1");
    assertThat(tracker.attach(new ServerMessage.Members("a", List.of("y"))).command.id()).isEqualTo("w3");
    assertThat(tracker.attach(new ServerMessage.Members("a", List.of("z")))).isNull();
    assertThat(tracker.attach(new ServerMessage.Members("b", List.of("q"))).command.id()).isEqualTo("w2");
    assertThat(tracker.attach(new ServerMessage.Rooms(List.of()))).isNull();
  }

  @Test
  void aContract11AnswerGoesToTheCommandItNamesNotTheOldestOfItsKind() {
    tracker.register(new ClientMessage.Who("w1", "a"), new CompletableFuture<>());
    tracker.register(new ClientMessage.Who("w2", "a"), new CompletableFuture<>());

    ServerMessage.Members second = new ServerMessage.Members("a", List.of("y"), null, "w2", null, null);
    assertThat(tracker.attach(second).command.id()).isEqualTo("w2");
    assertThat(tracker.attach(second)).as("answered already").isNull();
    assertThat(tracker.attach(new ServerMessage.Members("a", List.of("z"), null, "gone", null, null)))
        .as("names no waiting command").isNull();
    assertThat(tracker.attach(new ServerMessage.Members("a", List.of("x"))).command.id())
        .as("without re: the oldest waiting").isEqualTo("w1");
  }

  @Test
  void boundedAndIdsUnique() {
    tracker.register(new ClientMessage.Ping("p1"), new CompletableFuture<>());
    assertThatThrownBy(() -> tracker.register(new ClientMessage.Ping("p1"), new CompletableFuture<>()))
        .hasMessageContaining("already awaiting");
    tracker.register(new ClientMessage.Ping("p2"), new CompletableFuture<>());
    tracker.register(new ClientMessage.Ping("p3"), new CompletableFuture<>());
    assertThatThrownBy(() -> tracker.register(new ClientMessage.Ping("p4"), new CompletableFuture<>()))
        .hasMessageContaining("too many");

    assertThat(tracker.take("p2").command.id()).isEqualTo("p2");
    assertThat(tracker.take("p2")).isNull();
    assertThat(tracker.drain()).extracting(p -> p.command.id()).containsExactly("p1", "p3");
    assertThat(tracker.size()).isZero();
  }

  @Test
  void eachCommandKnowsItsAnswer() {
    assertThat(RequestTracker.answers(new ClientMessage.Hello("h", "ann"),
        new ServerMessage.Welcome("ann", "s", new io.netchat.codec.Limits(1, 1, 1, 1, 1, 1)))).isTrue();
    assertThat(RequestTracker.answers(new ClientMessage.Join("j", "lobby", null),
        new ServerMessage.Joined("LOBBY", "", List.of(), 0))).isTrue();
    assertThat(RequestTracker.answers(new ClientMessage.Leave("l", "lobby"), new ServerMessage.Left("other"))).isFalse();
    assertThat(RequestTracker.answers(new ClientMessage.Topic("t", "lobby", null),
        new ServerMessage.Topic("lobby", "x", null))).isTrue();
    assertThat(RequestTracker.answers(new ClientMessage.History("h", "lobby", null, null),
        new ServerMessage.History("lobby", List.of()))).isTrue();
    assertThat(RequestTracker.answers(new ClientMessage.Say("s", "lobby", "x"),
        new ServerMessage.Left("lobby"))).isFalse();
  }
}
