package io.netchat.server;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The room work of a test member without a connection, run in the order of its calls: each step
 * starts on its room's loop once the previous step's stage has completed, as a session's commands
 * wait for each other's answers.
 */
public final class RoomWorkInOrder {
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  /** Runs {@code work} on {@code roomLoop} after every earlier step and the stage it returned. */
  public void submitAsync(EventLoop roomLoop, Supplier<? extends CompletionStage<?>> work) {
    CompletableFuture<Void> previous = last;
    CompletableFuture<Void> step = new CompletableFuture<>();
    last = step;
    previous.whenComplete((ignored, e) -> roomLoop.execute(() -> {
      try {
        work.get().whenComplete((done, failure) -> step.complete(null));
      } catch (RuntimeException failure) {
        step.complete(null);
        throw failure;
      }
    }));
  }

  /** As {@link #submitAsync}, for work that answers at once. */
  public void submit(EventLoop roomLoop, Runnable work) {
    submitAsync(roomLoop, () -> {
      work.run();
      return CompletableFuture.completedFuture(null);
    });
  }

  /** Completes once every step submitted so far has run and its stage completed. */
  public CompletableFuture<Void> settled() {
    return last;
  }
}
