package io.netchat.bench.baseline;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes each written connection once per event-loop pass: writes mark a connection dirty, and
 * one task queued behind the pass's I/O flushes all of them. Confined to its event loop.
 */
final class PassFlusher {
  private final EventLoop loop;
  private final List<FanoutHandler> dirty = new ArrayList<>();
  private boolean queued;

  PassFlusher(EventLoop loop) {
    this.loop = loop;
  }

  /** Marks {@code member} (already written to, without flush) for the flush of this pass. */
  void markDirty(FanoutHandler member) {
    if (member.dirty) {
      return;
    }
    member.dirty = true;
    dirty.add(member);
    if (!queued) {
      queued = true;
      loop.execute(this::flushAll);
    }
  }

  private void flushAll() {
    queued = false;
    for (FanoutHandler member : dirty) {
      member.dirty = false;
      member.flush();
    }
    dirty.clear();
  }
}
