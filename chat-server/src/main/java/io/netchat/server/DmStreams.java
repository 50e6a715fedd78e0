package io.netchat.server;

import io.netchat.codec.ServerMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The per-account dm streams (docs/PROTOCOL.md §18.5): every dm an account's sessions receive or
 * send is appended to that account's stream, numbered by a {@code seq} of its own (1, 2, … with no
 * gap) within an {@code epoch} that names the numbering. A stream holds its newest
 * {@code perAccount} dms (the oldest go first, and a resume from before them gets a
 * {@code gap{dms}}); all the streams together hold at most {@code total} dms, the stream least
 * recently written to going first when more are needed — a stream that is gone starts again
 * under a new epoch, so a client re-syncs rather than trusting seqs of a numbering that no
 * longer exists. Held in memory: a restart starts every stream anew (new epochs).
 *
 * <p>Thread-safe: one lock, held for the few steps of an append or a read, never while waiting
 * or writing to a connection; dms are not the room fan-out's hot path.
 */
final class DmStreams {
  /** A read of one stream: its epoch and last seq, the first seq still held, and the dms read. */
  record Read(String epoch, long lastSeq, long firstHeld, List<ServerMessage.Dm> dms) {}

  private static final class Stream {
    final String epoch = newEpoch();
    long lastSeq;
    final ArrayDeque<ServerMessage.Dm> held = new ArrayDeque<>();
  }

  private final int perAccount;
  private final int total;
  /** Streams by account, least recently written first (access order is kept by re-inserting). */
  private final LinkedHashMap<String, Stream> streams = new LinkedHashMap<>();
  private int held;

  /**
   * @param perAccount most dms one stream holds ({@code history_size})
   * @param total most dms all streams hold together
   */
  DmStreams(int perAccount, int total) {
    if (perAccount < 1 || total < perAccount) {
      throw new IllegalArgumentException("per account " + perAccount + ", total " + total);
    }
    this.perAccount = perAccount;
    this.total = total;
  }

  /** Appends {@code dm} to {@code account}'s stream; returns it numbered in that stream. */
  synchronized ServerMessage.Dm append(String account, ServerMessage.Dm dm) {
    Stream stream = streams.remove(account);
    if (stream == null) {
      stream = new Stream();
    }
    streams.put(account, stream); // now the most recently written
    ServerMessage.Dm numbered = dm.outsideStream().withStored(null).inStream(++stream.lastSeq, stream.epoch);
    stream.held.addLast(numbered);
    held++;
    if (stream.held.size() > perAccount) {
      stream.held.removeFirst();
      held--;
    }
    Iterator<Stream> oldest = streams.values().iterator();
    while (held > total && oldest.hasNext()) {
      Stream next = oldest.next();
      if (next == stream) {
        break;
      }
      held -= next.held.size();
      oldest.remove();
    }
    return numbered;
  }

  /**
   * Every dm {@code account}'s stream holds, oldest first, with its epoch and last seq. A stream
   * the server does not hold (never written, or pushed out) reads as an empty one under a new
   * epoch, which is not kept: it costs nothing until a dm is written to it.
   */
  synchronized Read read(String account) {
    Stream stream = streams.get(account);
    if (stream == null) {
      return new Read(newEpoch(), 0, 1, List.of());
    }
    return new Read(stream.epoch, stream.lastSeq, stream.lastSeq - stream.held.size() + 1,
        List.copyOf(stream.held));
  }

  /** Dms held over all streams; at most {@code total}. */
  synchronized int size() {
    return held;
  }

  private static String newEpoch() {
    return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }
}
