package io.netchat.server;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Keeps the answers to one connection's commands in the order of the commands. A command's work
 * runs on the loop that owns what it touches (a room's loop, or the session's own) and answers
 * from there. Consecutive work for one loop goes straight to it: that loop's queue keeps the
 * order, and nothing is added to the fast path. Work for another loop, and answers the session
 * gives itself, wait here until a barrier sent through the loop still busy with this connection's
 * earlier work comes back; only then do they start. Used on the session's loop only.
 *
 * <p>Work may also answer later ({@link #runAsync}): a {@code say} answered once the store has
 * committed it, a {@code history} answered once the store has read it. Until its stage completes,
 * this connection's later work on that loop (the barrier included) is held at a gate on the
 * loop, so nothing answers ahead of it. The gate's state is touched only by the loop that runs
 * this connection's work at the time; work moves to another loop only after a barrier passed the
 * gate, which happens-before the move.
 */
final class CommandOrder {
  private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

  private record Step(EventLoop loop, Supplier<? extends CompletionStage<?>> work) {}

  private final EventLoop home;
  private final Runnable caughtUp = this::caughtUp;
  private final Supplier<CompletionStage<?>> barrier = this::barrier;
  private final ArrayDeque<Step> waiting = new ArrayDeque<>(2);
  /** A loop other than home that may still run this connection's work, or null. */
  private EventLoop busyOn;
  private boolean barrierSent;
  /** Gate: an answer of this connection is still to come on the loop running its work. */
  private boolean pending;
  /** Gate: work that reached the loop while an answer was pending, in arrival order. */
  private final ArrayDeque<Step> held = new ArrayDeque<>(2);

  CommandOrder(EventLoop home) {
    this.home = home;
  }

  /** Runs {@code work} on {@code loop} after the work of earlier commands (session loop only). */
  void run(EventLoop loop, Runnable work) {
    runAsync(loop, () -> {
      work.run();
      return ANSWERED;
    });
  }

  /**
   * Runs {@code work} on {@code loop} after the work of earlier commands; the connection's later
   * work waits until the stage {@code work} returns has completed (session loop only).
   */
  void runAsync(EventLoop loop, Supplier<? extends CompletionStage<?>> work) {
    if (waiting.isEmpty() && (busyOn == null || busyOn == loop)) {
      start(loop, work);
      return;
    }
    waiting.add(new Step(loop, work));
    sendBarrier();
  }

  /** Whether no earlier work may still be running elsewhere: an answer may be written at once. */
  boolean idle() {
    return busyOn == null && waiting.isEmpty() && !pending;
  }

  private void start(EventLoop loop, Supplier<? extends CompletionStage<?>> work) {
    if (loop == home) {
      enter(loop, work);
      if (pending) {
        busyOn = home; // later work for other loops waits for a barrier through the gate
      }
      return;
    }
    busyOn = loop;
    try {
      loop.execute(() -> enter(loop, work));
    } catch (RejectedExecutionException shutDown) {
      busyOn = null; // the server is stopping: the work goes with its loop
    }
  }

  /** On {@code loop}: runs the work now, or holds it behind an answer still to come. */
  private void enter(EventLoop loop, Supplier<? extends CompletionStage<?>> work) {
    if (pending) {
      held.add(new Step(loop, work));
      return;
    }
    CompletionStage<?> answered = work.get();
    if (answered.toCompletableFuture().isDone()) {
      return;
    }
    pending = true;
    answered.whenComplete((ignored, failure) -> resumeOn(loop));
  }

  private void resumeOn(EventLoop loop) {
    if (loop.inEventLoop()) {
      resume();
      return;
    }
    try {
      loop.execute(this::resume);
    } catch (RejectedExecutionException shutDown) {
      // the loop is gone, and with it whatever was held here
    }
  }

  private void resume() {
    pending = false;
    while (!pending && !held.isEmpty()) {
      Step next = held.poll();
      enter(next.loop(), next.work());
    }
    if (!pending && busyOn == home && home.inEventLoop() && waiting.isEmpty()) {
      busyOn = null;
    }
  }

  private void sendBarrier() {
    if (barrierSent) {
      return;
    }
    barrierSent = true;
    EventLoop loop = busyOn;
    if (loop == home) {
      enter(home, barrier);
      return;
    }
    try {
      loop.execute(() -> enter(loop, barrier));
    } catch (RejectedExecutionException shutDown) {
      caughtUp(); // nothing more will run there
    }
  }

  /** On the busy loop, after this connection's work queued there before it. */
  private CompletionStage<?> barrier() {
    try {
      home.execute(caughtUp);
    } catch (RejectedExecutionException shutDown) {
      // the session's loop is gone, and with it whatever still waited here
    }
    return ANSWERED;
  }

  private void caughtUp() {
    barrierSent = false;
    busyOn = null;
    while (!waiting.isEmpty()) {
      Step next = waiting.peek();
      if (busyOn != null && busyOn != next.loop()) {
        sendBarrier();
        return;
      }
      waiting.poll();
      start(next.loop(), next.work());
    }
  }
}
