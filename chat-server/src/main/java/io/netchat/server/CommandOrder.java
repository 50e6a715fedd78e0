package io.netchat.server;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps the answers to one connection's commands in the order of the commands. A command's work
 * runs on the loop that owns what it touches (a room's loop, or the session's own) and answers
 * from there. Consecutive work for one loop goes straight to it: that loop's queue keeps the
 * order, and nothing is added to the fast path. Work for another loop, and answers the session
 * gives itself, wait here until a barrier sent through the loop still busy with this connection's
 * earlier work comes back; only then do they start. Used on the session's loop only.
 */
final class CommandOrder {
  private record Step(EventLoop loop, Runnable work) {}

  private final EventLoop home;
  private final Runnable caughtUp = this::caughtUp;
  private final Runnable barrier = this::barrier;
  private final ArrayDeque<Step> waiting = new ArrayDeque<>(2);
  /** A loop other than home that may still run this connection's work, or null. */
  private EventLoop busyOn;
  private boolean barrierSent;

  CommandOrder(EventLoop home) {
    this.home = home;
  }

  /** Runs {@code work} on {@code loop} after the work of earlier commands (session loop only). */
  void run(EventLoop loop, Runnable work) {
    if (waiting.isEmpty() && (busyOn == null || busyOn == loop)) {
      start(loop, work);
      return;
    }
    waiting.add(new Step(loop, work));
    sendBarrier();
  }

  /** Whether no earlier work may still be running elsewhere: an answer may be written at once. */
  boolean idle() {
    return busyOn == null && waiting.isEmpty();
  }

  private void start(EventLoop loop, Runnable work) {
    if (loop == home) {
      work.run();
      return;
    }
    busyOn = loop;
    try {
      loop.execute(work);
    } catch (RejectedExecutionException shutDown) {
      busyOn = null; // the server is stopping: the work goes with its loop
    }
  }

  private void sendBarrier() {
    if (barrierSent) {
      return;
    }
    barrierSent = true;
    try {
      busyOn.execute(barrier);
    } catch (RejectedExecutionException shutDown) {
      caughtUp(); // nothing more will run there
    }
  }

  /** On the busy loop, after this connection's work queued there before it. */
  private void barrier() {
    try {
      home.execute(caughtUp);
    } catch (RejectedExecutionException shutDown) {
      // the session's loop is gone, and with it whatever still waited here
    }
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
