package io.netchat.server.fanout;

import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lets the work a shutdown sets off (presence to rooms, broadcasts handed to member loops, their
 * flushes) run to the end before the loops stop, so that no task holding a frame is dropped
 * unreleased. Each round waits for a barrier task on every loop; a task queued by the previous
 * round runs in the next. The deepest chain is a closing session's quit waiting for its command
 * order's barrier: busy loop → session loop → room → member loop → flush.
 */
public final class LoopDrain {
  /** Rounds enough for the deepest chain of hand-offs, with one to spare. */
  public static final int ROUNDS = 6;

  private LoopDrain() {}

  /** Waits (never on one of {@code loops}) for {@link #ROUNDS} barriers, each up to {@code perRoundMillis}. */
  public static void drain(EventExecutorGroup loops, long perRoundMillis) {
    for (int round = 0; round < ROUNDS; round++) {
      List<Future<?>> barriers = new ArrayList<>();
      loops.forEach(loop -> barriers.add(loop.submit(() -> { })));
      barriers.forEach(barrier -> barrier.awaitUninterruptibly(perRoundMillis, TimeUnit.MILLISECONDS));
    }
  }
}
