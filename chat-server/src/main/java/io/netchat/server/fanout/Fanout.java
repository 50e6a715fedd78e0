package io.netchat.server.fanout;

import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Delivers one message to many connections: encoded once per wire format in use, the same bytes
 * to every recipient (each gets a retained duplicate it owns), with one task per recipient event
 * loop rather than one per recipient. Owns the reference counting of the encoded frames on every
 * path: a recipient loop that has shut down, an encoder that fails, a recipient that is gone or
 * closes mid-broadcast. Recipients are regrouped by loop into immutable snapshots at the first
 * broadcast after an add or remove (so a thousand joins between two messages cost one regrouping,
 * not a thousand), a task running on another loop reads a stable array, and a broadcast allocates
 * nothing per recipient beyond its duplicate. Each loop's share of a broadcast adds its count of
 * recipients to the deliveries counter once. Used from its owner's loop only.
 */
public final class Fanout {
  /** The recipients on one loop, with each one's format index read once, at regroup time. */
  private record LoopGroup(EventLoop loop, Recipient[] recipients, int[] formatIndexes) {}

  private static final LoopGroup[] NONE = new LoopGroup[0];

  private final List<WireFormat> formats;
  private final ByteBufAllocator allocator;
  private final LongAdder deliveries;
  private final Set<Recipient> recipients = new LinkedHashSet<>();
  private LoopGroup[] groups = NONE;
  private int[] perFormat;
  /** Whether {@link #recipients} changed since the snapshots were built. */
  private boolean stale;

  /**
   * @param formats the wire formats recipients may speak (index = {@link Recipient#formatIndex()})
   * @param allocator where the encoded frames come from
   */
  public Fanout(List<WireFormat> formats, ByteBufAllocator allocator) {
    this(formats, allocator, new LongAdder());
  }

  /** As {@link #Fanout(List, ByteBufAllocator)}, counting the frames handed to recipients in {@code deliveries}. */
  public Fanout(List<WireFormat> formats, ByteBufAllocator allocator, LongAdder deliveries) {
    this.formats = List.copyOf(formats);
    this.allocator = allocator;
    this.deliveries = deliveries;
    this.perFormat = new int[this.formats.size()];
  }

  public void add(Recipient recipient) {
    recipients.add(recipient);
    stale = true;
  }

  public void remove(Recipient recipient) {
    if (recipients.remove(recipient)) {
      stale = true;
    }
  }

  /**
   * Sends {@code message} to every recipient but {@code except} (may be {@code null}). Recipients
   * on the calling loop get it before this returns; the others when their loop runs the task.
   *
   * @throws RuntimeException what the encoder threw; nothing is sent and nothing is leaked then
   */
  public void broadcast(Object message, Recipient except) {
    broadcast(message, except, null);
  }

  /**
   * As {@link #broadcast(Object, Recipient)}, to the recipients that {@code to} accepts only
   * ({@code null}: all); {@code to} is tested on each recipient's loop. Still encoded once per
   * format in use: for an event only some recipients take (a capability's), and its fallback.
   */
  public void broadcast(Object message, Recipient except, Predicate<? super Recipient> to) {
    if (stale) {
      regroup();
    }
    LoopGroup[] snapshot = groups;
    if (snapshot.length == 0) {
      return;
    }
    ByteBuf[] frames = encodeOncePerFormat(message);
    try {
      for (LoopGroup group : snapshot) {
        if (group.loop().inEventLoop()) {
          deliver(group, frames, except, to, deliveries);
        } else {
          handOff(group, frames, except, to, deliveries);
        }
      }
    } finally {
      releaseAll(frames);
    }
  }

  private static void handOff(LoopGroup group, ByteBuf[] frames, Recipient except, Predicate<? super Recipient> to,
      LongAdder deliveries) {
    ByteBuf[] retained = retainAll(frames);
    try {
      group.loop().execute(() -> {
        try {
          deliver(group, retained, except, to, deliveries);
        } finally {
          releaseAll(retained);
        }
      });
    } catch (RejectedExecutionException shutDown) {
      releaseAll(retained);
    }
  }

  private ByteBuf[] encodeOncePerFormat(Object message) {
    ByteBuf[] frames = new ByteBuf[perFormat.length];
    try {
      for (int i = 0; i < frames.length; i++) {
        if (perFormat[i] > 0) {
          frames[i] = formats.get(i).encode(message, allocator);
        }
      }
      return frames;
    } catch (RuntimeException e) {
      releaseAll(frames);
      throw e;
    }
  }

  private static void deliver(LoopGroup group, ByteBuf[] frames, Recipient except, Predicate<? super Recipient> to,
      LongAdder deliveries) {
    deliveries.add(to == null ? deliverAll(group, frames, except) : deliverTo(group, frames, except, to));
  }

  /**
   * The hot loop: every recipient but {@code except}, no filter. Kept apart from
   * {@link #deliverTo} so that the JIT compiles it from the profile of plain broadcasts (every
   * {@code say}) alone, and small enough to inline {@link Recipient#deliver} at every tier.
   */
  private static int deliverAll(LoopGroup group, ByteBuf[] frames, Recipient except) {
    Recipient[] recipients = group.recipients();
    int[] formatIndexes = group.formatIndexes();
    int delivered = 0;
    for (int i = 0; i < recipients.length; i++) {
      if (recipients[i] != except) {
        recipients[i].deliver(frames[formatIndexes[i]].retainedDuplicate());
        delivered++;
      }
    }
    return delivered;
  }

  /** As {@link #deliverAll}, to the recipients {@code to} accepts: presence events some capabilities take. */
  private static int deliverTo(LoopGroup group, ByteBuf[] frames, Recipient except, Predicate<? super Recipient> to) {
    Recipient[] recipients = group.recipients();
    int delivered = 0;
    for (int i = 0; i < recipients.length; i++) {
      if (recipients[i] != except && to.test(recipients[i])) {
        recipients[i].deliver(frames[group.formatIndexes()[i]].retainedDuplicate());
        delivered++;
      }
    }
    return delivered;
  }

  private static ByteBuf[] retainAll(ByteBuf[] frames) {
    ByteBuf[] retained = new ByteBuf[frames.length];
    for (int i = 0; i < frames.length; i++) {
      retained[i] = frames[i] == null ? null : frames[i].retain();
    }
    return retained;
  }

  private static void releaseAll(ByteBuf[] frames) {
    for (ByteBuf frame : frames) {
      if (frame != null) {
        frame.release();
      }
    }
  }

  /**
   * Reads every recipient's loop and format index again and rebuilds the snapshots (also done at
   * the first broadcast after an add or remove): a recipient whose format changed is delivered in
   * its new format from the next broadcast on.
   */
  public void regroup() {
    stale = false;
    Recipient[] all = recipients.toArray(new Recipient[0]);
    int[] groupOf = new int[all.length];
    int[] formatOf = new int[all.length];
    int[] perFormatNow = new int[formats.size()];
    Map<EventLoop, Integer> groupIndex = new IdentityHashMap<>(); // as many entries as loops, not recipients
    List<EventLoop> loops = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      formatOf[i] = all[i].formatIndex(); // read once: it may change on the recipient's loop meanwhile
      perFormatNow[formatOf[i]]++;
      EventLoop loop = all[i].loop();
      Integer group = groupIndex.get(loop);
      if (group == null) {
        group = loops.size();
        groupIndex.put(loop, group);
        loops.add(loop);
      }
      groupOf[i] = group;
    }
    int[] sizes = new int[loops.size()];
    for (int group : groupOf) {
      sizes[group]++;
    }
    LoopGroup[] rebuilt = new LoopGroup[loops.size()];
    for (int g = 0; g < rebuilt.length; g++) {
      rebuilt[g] = new LoopGroup(loops.get(g), new Recipient[sizes[g]], new int[sizes[g]]);
    }
    int[] filled = new int[rebuilt.length];
    for (int i = 0; i < all.length; i++) {
      LoopGroup group = rebuilt[groupOf[i]];
      int at = filled[groupOf[i]]++;
      group.recipients()[at] = all[i];
      group.formatIndexes()[at] = formatOf[i];
    }
    perFormat = perFormatNow;
    groups = rebuilt;
  }

  /** Recipients now (owner's loop only). */
  public int size() {
    return recipients.size();
  }
}
