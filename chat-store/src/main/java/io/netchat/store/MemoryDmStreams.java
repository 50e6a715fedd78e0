package io.netchat.store;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Dm streams in the heap, until the process ends (the {@code memory} store, and the server without
 * a store). Every future is complete when returned. Besides each stream's {@code keep}, all the
 * streams together hold at most {@code maxTotal} dms: past that, the stream least recently
 * appended to goes first, whole — it starts again under a new epoch, so a client re-syncs rather
 * than trusting seqs of a numbering that is gone. Thread-safe: one lock, held for the few steps of
 * an append or a read.
 */
public final class MemoryDmStreams implements DmStreamStore {

  private static final class Held {
    final String epoch = DmStreamStore.newEpoch();
    long lastSeq;
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
  }

  private final int maxTotal;
  private final BooleanSupplier closed;
  /** Streams by account, least recently appended to first (an append re-inserts its stream). */
  private final LinkedHashMap<String, Held> streams = new LinkedHashMap<>();
  private int total;

  public MemoryDmStreams(int maxTotal, BooleanSupplier closed) {
    if (maxTotal < 1) {
      throw new IllegalArgumentException("maxTotal must be >= 1, got " + maxTotal);
    }
    this.maxTotal = maxTotal;
    this.closed = Objects.requireNonNull(closed, "closed");
  }

  @Override
  public synchronized CompletableFuture<Entry> append(String account, StoredDm dm, String txn, int keep) {
    DmStreamStore.checkAppend(account, dm, keep);
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(StoreUnavailableException.closed());
    }
    Held stream = streams.remove(account);
    if (stream == null) {
      stream = new Held();
    }
    streams.put(account, stream);
    Entry entry = new Entry(++stream.lastSeq, stream.epoch, dm, txn);
    stream.entries.addLast(entry);
    total++;
    while (stream.entries.size() > keep) {
      stream.entries.removeFirst();
      total--;
    }
    Iterator<Held> oldest = streams.values().iterator();
    while (total > maxTotal && oldest.hasNext()) {
      Held next = oldest.next();
      if (next == stream) {
        break;
      }
      total -= next.entries.size();
      oldest.remove();
    }
    return CompletableFuture.completedFuture(entry);
  }

  @Override
  public synchronized CompletableFuture<Stream> read(String account) {
    StoredAccount.checkName(account);
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(StoreUnavailableException.closed());
    }
    Held stream = streams.get(account);
    return CompletableFuture.completedFuture(stream == null
        ? new Stream(DmStreamStore.newEpoch(), 0, java.util.List.of())
        : new Stream(stream.epoch, stream.lastSeq, java.util.List.copyOf(stream.entries)));
  }

  /** Dms held over all streams; at most {@code maxTotal} (for tests). */
  public synchronized int size() {
    return total;
  }
}
