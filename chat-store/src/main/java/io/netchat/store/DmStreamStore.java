package io.netchat.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The per-account dm streams (docs/PROTOCOL.md §18.5): every dm an account's sessions receive or
 * send, numbered by a {@code seq} of the account's own — 1, 2, … with no gap and no repeat — within
 * an {@code epoch} that names the numbering. Keyed by the account's name (the case-folded nick).
 * Each stream keeps its newest {@code keep} dms; the older go. Like {@link OfflineDmStore}, no
 * method blocks its caller, and one account's appends are numbered in call order.
 *
 * <p>The memory store keeps them until the process ends (and bounds them all together); the
 * sqlite store in the {@code dm_streams} and {@code dm_stream_entries} tables (schema V22), each
 * append committed before its future completes, so a seq is never issued twice and a stream's
 * epoch lasts as long as the data file.
 */
public interface DmStreamStore {

  /** One dm of a stream: its {@code seq} in {@code epoch}, the dm, and its sender's {@code txn} (null: none). */
  record Entry(long seq, String epoch, StoredDm dm, String txn) {
    public Entry {
      if (seq < 1) {
        throw new IllegalArgumentException("seq must be >= 1, got " + seq);
      }
      java.util.Objects.requireNonNull(epoch, "epoch");
      java.util.Objects.requireNonNull(dm, "dm");
    }
  }

  /**
   * A stream as read: its epoch, its last seq (0 when empty) and the dms it holds, oldest first.
   * A stream the store has no record of reads as an empty one under a new epoch, which is not kept.
   */
  record Stream(String epoch, long lastSeq, List<Entry> held) {
    public Stream {
      java.util.Objects.requireNonNull(epoch, "epoch");
      held = List.copyOf(held);
    }

    /** The seq of the oldest dm held ({@code lastSeq + 1} when none is). */
    public long firstHeld() {
      return lastSeq - held.size() + 1;
    }
  }

  /**
   * Appends {@code dm} (with its sender's {@code txn}, null: none) to {@code account}'s stream,
   * keeping its newest {@code keep}; completes with it numbered.
   */
  CompletableFuture<Entry> append(String account, StoredDm dm, String txn, int keep);

  /** Reads {@code account}'s stream: every dm it holds. */
  CompletableFuture<Stream> read(String account);

  /** Checks the arguments of {@link #append}; shared by the implementations. */
  static void checkAppend(String account, StoredDm dm, int keep) {
    StoredAccount.checkName(account);
    java.util.Objects.requireNonNull(dm, "dm");
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
  }

  /** A new epoch: a random integer in 1..2^53-1, as text. */
  static String newEpoch() {
    return Long.toString(1 + java.util.concurrent.ThreadLocalRandom.current().nextLong((1L << 53) - 1));
  }
}
