package io.netchat.server;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps the answers to one connection's commands in the order of the commands. A command's work
 * runs on the loop that owns what it touches (a room's loop, or the session's own); work for
 * another loop than the one still busy with this connection's earlier work waits here until that
 * work is done, and so do answers the session gives itself. Consecutive work for one loop goes
 * straight to it (the loop keeps its order), so a client talking to one room pays nothing extra.
 * Used on the session's loop only; a finished task reports back by a task on that loop.
 */
final class CommandOrder {
  private record Step(EventLoop loop, Runnable work) {}

  private final EventLoop home;
  private final Runnable finished = this::finished;
  private final ArrayDeque<Step> waiting = new ArrayDeque<>(2);
  private EventLoop busyOn;
  private int inFlight;

  CommandOrder(EventLoop home) {
    this.home = home;
  }

  /** Runs {@code work} on {@code loop} after the work of earlier commands (session loop only). */
  void run(EventLoop loop, Runnable work) {
    if (waiting.isEmpty() && (inFlight == 0 || loop == busyOn)) {
      start(loop, work);
    } else {
      waiting.add(new Step(loop, work));
    }
  }

  /** Whether no earlier work is pending: an answer may be written at once. */
  boolean idle() {
    return inFlight == 0 && waiting.isEmpty();
  }

  private void start(EventLoop loop, Runnable work) {
    if (loop == home && inFlight == 0) {
      work.run();
      return;
    }
    inFlight++;
    busyOn = loop;
    try {
      loop.execute(() -> {
        try {
          work.run();
        } finally {
          reportBack();
        }
      });
    } catch (RejectedExecutionException shutDown) {
      inFlight--; // the server is stopping: the work is dropped with its loop
    }
  }

  private void reportBack() {
    try {
      home.execute(finished);
    } catch (RejectedExecutionException shutDown) {
      // the session's loop is gone, and with it whatever still waited here
    }
  }

  private void finished() {
    if (--inFlight > 0) {
      return;
    }
    busyOn = null;
    while (!waiting.isEmpty() && (inFlight == 0 || waiting.peek().loop() == busyOn)) {
      Step next = waiting.poll();
      start(next.loop(), next.work());
    }
  }
}
