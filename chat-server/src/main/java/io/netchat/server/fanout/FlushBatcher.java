package io.netchat.server.fanout;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes, once per pass of one event loop, every channel written to during that pass. Writes
 * (a broadcast's above all) are queued without a syscall; the flush task runs after the tasks
 * already queued on the loop, so a burst of broadcasts costs one flush per connection, and an
 * idle loop flushes at once. One batcher per loop, used from that loop only; each channel has one
 * {@link Slot}, so marking it costs no allocation. The bench's baseline server uses it too, so
 * both sides of the fan-out comparison flush the same way.
 */
public final class FlushBatcher implements Runnable {
  private final EventExecutor loop;
  private final List<Slot> dirty = new ArrayList<>();
  private boolean scheduled;

  public FlushBatcher(EventExecutor loop) {
    this.loop = loop;
  }

  /** One channel's place in its loop's batcher: created once per channel. */
  public static final class Slot {
    private final Channel channel;
    private final ChannelOutboundInvoker flushFrom;
    private boolean pending;

    /** A slot whose flush walks the channel's whole pipeline. */
    public Slot(Channel channel) {
      this(channel, channel);
    }

    /**
     * A slot whose flush starts at {@code flushFrom}: a context of {@code channel}'s pipeline
     * above which no handler acts on a flush, so the flush need not walk past them.
     */
    public Slot(Channel channel, ChannelOutboundInvoker flushFrom) {
      this.channel = channel;
      this.flushFrom = flushFrom;
    }
  }

  /** Marks the slot's channel, already written to, for this pass's flush (this loop only). */
  public void add(Slot slot) {
    if (!slot.pending) {
      mark(slot);
    }
  }

  private void mark(Slot slot) {
    slot.pending = true;
    dirty.add(slot);
    if (!scheduled) {
      scheduled = true;
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    scheduled = false;
    for (int i = 0; i < dirty.size(); i++) {
      Slot slot = dirty.get(i);
      slot.pending = false;
      if (slot.channel.isActive()) {
        slot.flushFrom.flush();
      }
    }
    dirty.clear();
  }
}
