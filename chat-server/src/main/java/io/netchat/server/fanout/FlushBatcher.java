package io.netchat.server;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes, once per pass of one event loop, every channel written to during that pass. Writes
 * from a broadcast are queued without a syscall; the flush task runs after the tasks already
 * queued on the loop, so a burst of broadcasts costs one flush per connection, and an idle loop
 * flushes at once. Used only from its own event loop.
 */
final class FlushBatcher implements Runnable {
  private final EventExecutor loop;
  private final List<Session> dirty = new ArrayList<>();
  private boolean scheduled;

  FlushBatcher(EventExecutor loop) {
    this.loop = loop;
  }

  /** Marks {@code session} for the next flush; call on this batcher's loop only. */
  void add(Session session) {
    if (session.markFlushPending()) {
      dirty.add(session);
      if (!scheduled) {
        scheduled = true;
        loop.execute(this);
      }
    }
  }

  @Override
  public void run() {
    scheduled = false;
    for (int i = 0; i < dirty.size(); i++) {
      Session session = dirty.get(i);
      session.clearFlushPending();
      Channel channel = session.channel();
      if (channel.isActive()) {
        channel.flush();
      }
    }
    dirty.clear();
  }
}
