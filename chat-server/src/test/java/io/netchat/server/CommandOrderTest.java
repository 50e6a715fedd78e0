package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One connection's work on three loops whose tasks the test runs by hand. */
class CommandOrderTest {
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final EmbeddedChannel roomA = new EmbeddedChannel();
  private final EmbeddedChannel roomB = new EmbeddedChannel();
  private final CommandOrder order = new CommandOrder(home.eventLoop());
  private final List<String> ran = new ArrayList<>();

  @Test
  void workForOneLoopGoesStraightThereAndAddsNoTask() {
    order.run(roomA.eventLoop(), () -> ran.add("a1"));
    order.run(roomA.eventLoop(), () -> ran.add("a2"));
    roomA.runPendingTasks();
    assertThat(ran).containsExactly("a1", "a2");
    assertThat(home.hasPendingTasks()).isFalse();
  }

  @Test
  void workElsewhereWaitsUntilTheEarlierWorkIsDone() {
    order.run(roomA.eventLoop(), () -> ran.add("a1"));
    order.run(roomB.eventLoop(), () -> ran.add("b1"));
    order.run(home.eventLoop(), () -> ran.add("home"));
    order.run(roomA.eventLoop(), () -> ran.add("a2"));
    assertThat(order.idle()).isFalse();
    assertThat(roomB.hasPendingTasks()).as("b1 waits for a1").isFalse();

    roomA.runPendingTasks(); // a1, then the barrier
    assertThat(roomB.hasPendingTasks()).as("b1 waits until the barrier is back").isFalse();
    home.runPendingTasks(); // caught up: b1 starts, the home answer waits for it
    roomB.runPendingTasks();
    home.runPendingTasks(); // caught up: the home answer runs, a2 starts
    roomA.runPendingTasks();

    assertThat(ran).containsExactly("a1", "b1", "home", "a2");
    assertThat(order.idle()).isFalse();
  }

  @Test
  void workAtHomeRunsAtOnceWhenNothingIsPending() {
    order.run(home.eventLoop(), () -> ran.add("home"));
    assertThat(ran).containsExactly("home");
    assertThat(order.idle()).isTrue();
  }
}
