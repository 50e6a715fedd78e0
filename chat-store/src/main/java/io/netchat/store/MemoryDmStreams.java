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
 * streams together hold at most {@code maxBytes} of heap (each dm counted by {@link #bytes}):
 * past that, the stream least recently appended to goes first, whole — it starts again under a
 * new epoch, so a client re-syncs rather than trusting seqs of a numbering that is gone. Bytes,
 * not dms, because a dm's text may be 4 096 code points or 40. Thread-safe: one lock, held for the
 * few steps of an append or a read.
 */
public final class MemoryDmStreams implements DmStreamStore {

  /** Heap an entry costs besides its strings: the entry, the dm, the deque slot, the instant. */
  static final int ENTRY_OVERHEAD = 160;

  private static final class Held {
    final String epoch = DmStreamStore.newEpoch();
    long lastSeq;
    long bytes;
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
  }

  private final long maxBytes;
  private final BooleanSupplier closed;
  /** Streams by account, least recently appended to first (an append re-inserts its stream). */
  private final LinkedHashMap<String, Held> streams = new LinkedHashMap<>();
  private long total;

  /** @param maxBytes heap all the streams may hold together, as {@link #bytes} counts it */
  public MemoryDmStreams(long maxBytes, BooleanSupplier closed) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
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
    add(stream, bytes(entry));
    while (stream.entries.size() > keep) {
      add(stream, -bytes(stream.entries.removeFirst()));
    }
    Iterator<Held> oldest = streams.values().iterator();
    while (total > maxBytes && oldest.hasNext()) {
      Held next = oldest.next();
      if (next == stream) {
        break; // the newest: every other stream is gone
      }
      total -= next.bytes;
      oldest.remove();
    }
    while (total > maxBytes && stream.entries.size() > 1) {
      add(stream, -bytes(stream.entries.removeFirst())); // alone and still too big: its oldest go
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

  private void add(Held stream, long bytes) {
    stream.bytes += bytes;
    total += bytes;
  }

  /** Heap one entry costs: its strings (two bytes a char) and {@link #ENTRY_OVERHEAD}. */
  static long bytes(Entry entry) {
    StoredDm dm = entry.dm();
    long chars = dm.from().length() + dm.to().length() + dm.text().length() + dm.msgid().length()
        + (dm.account() == null ? 0 : dm.account().length()) + (entry.txn() == null ? 0 : entry.txn().length());
    return ENTRY_OVERHEAD + 2 * chars;
  }

  /** Bytes held over all streams, as {@link #bytes} counts them; at most {@code maxBytes} once an append returns. */
  public synchronized long bytesHeld() {
    return total;
  }

  /** Dms held over all streams (for tests). */
  public synchronized int size() {
    int dms = 0;
    for (Held stream : streams.values()) {
      dms += stream.entries.size();
    }
    return dms;
  }
}
