package io.netchat.server.room;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What each accepted {@code say} or {@code dm} that carried a {@code txn} got (its seq and msgid),
 * per logical session, for {@code txn_window_s}: a repeat of the txn is answered from here with
 * {@code duplicate: true} instead of being sent again (contract 1.1, docs/PROTOCOL.md §13).
 *
 * <p><b>Bounded.</b> A session holds at most {@code perSession} entries (its oldest goes first), and
 * the whole ledger at most {@code global} (the server's oldest goes first, whoever it belongs to):
 * every entry ever recorded sits in one queue, oldest first, until it is polled, and the queue is
 * never longer than {@code global}. A hostile client that sends thousands of txns therefore costs
 * at most {@code perSession} live entries and pushes only the oldest entries out, never the heap
 * up. An entry past the window is never answered from, and is dropped when it reaches the head.
 * The server sizes {@code global} by {@link #globalCap}: {@value #ENTRIES_PER_CONNECTION} entries
 * per allowed connection, whose heap ({@value #ENTRY_BYTES} bytes each at most) is part of the
 * heap the memory plan allows each connection.
 *
 * <p>Thread-safe. A session's own commands are serialized (their room work runs in order), so a
 * find and the record that follows it never race for one session.
 */
public final class TxnLedger {
  /** Most txns remembered per session: as many as the client library keeps unanswered at once. */
  public static final int DEFAULT_PER_SESSION = 1024;
  /** Entries of the ledger per allowed connection ({@code limits.max_connections}). */
  public static final int ENTRIES_PER_CONNECTION = 8;
  /**
   * Most heap one entry holds: its bookkeeping, the answer and the client's {@code txn} of up to 64
   * chars; the msgid is the stored message's. {@code TxnLedgerTest} measures it.
   */
  public static final int ENTRY_BYTES = 320;
  /** Expired heads dropped per record: the queue drains faster than it fills. */
  private static final int EXPIRED_POLLS = 2;

  /** What a send got: {@code seq} for a room message (null for a dm) and its {@code msgid}. */
  public record Sent(Long seq, String msgid) {}

  private final long windowNanos;
  private final int perSession;
  private final int global;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Entry> oldestFirst = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();

  /** A ledger for a server of {@code maxConnections}, with the default caps and the system clock. */
  public TxnLedger(Duration window, int maxConnections) {
    this(window, DEFAULT_PER_SESSION, globalCap(maxConnections), System::nanoTime);
  }

  /** The global cap for a server of {@code maxConnections}: never below one session's cap. */
  public static int globalCap(int maxConnections) {
    return (int) Math.min(Integer.MAX_VALUE,
        Math.max(DEFAULT_PER_SESSION, (long) maxConnections * ENTRIES_PER_CONNECTION));
  }

  /**
   * @param window how long a txn is remembered ({@code limits.txn_window})
   * @param perSession most entries one session holds
   * @param global most entries in the ledger
   * @param nanoTime the monotonic clock
   */
  public TxnLedger(Duration window, int perSession, int global, LongSupplier nanoTime) {
    if (window.isNegative() || window.isZero() || perSession < 1 || global < perSession) {
      throw new IllegalArgumentException("window " + window + ", per session " + perSession + ", global " + global);
    }
    this.windowNanos = window.toNanos();
    this.perSession = perSession;
    this.global = global;
    this.nanoTime = nanoTime;
  }

  /** What the send of {@code txn} by session {@code sessionId} got, if within the window; else null. */
  public Sent find(String sessionId, String txn) {
    Bucket bucket = buckets.get(sessionId);
    if (bucket == null) {
      return null;
    }
    long now = nanoTime.getAsLong();
    synchronized (bucket) {
      Entry entry = bucket.byTxn.get(txn);
      return entry == null || entry.expired(now) ? null : entry.sent;
    }
  }

  /** Remembers what the send of {@code txn} by session {@code sessionId} got. */
  public void record(String sessionId, String txn, Sent sent) {
    long now = nanoTime.getAsLong();
    Entry entry;
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(sessionId, Bucket::new);
      synchronized (bucket) {
        if (bucket.dead) {
          continue; // emptied and unlinked meanwhile: take the one that replaced it
        }
        if (bucket.byTxn.size() >= perSession) {
          Iterator<Entry> eldest = bucket.byTxn.values().iterator();
          eldest.next();
          eldest.remove(); // still queued below: counted until it is polled
        }
        entry = new Entry(bucket, txn, sent, now + windowNanos);
        bucket.byTxn.put(txn, entry);
        break;
      }
    }
    oldestFirst.add(entry);
    if (queued.incrementAndGet() > global) {
      pollOldest();
    }
    for (int i = 0; i < EXPIRED_POLLS; i++) {
      Entry head = oldestFirst.peek();
      if (head == null || !head.expired(now) || !pollOldest()) {
        break;
      }
    }
  }

  /** Entries held (live, expired or pushed out of their session, until polled); at most {@code global}. */
  public int size() {
    return queued.get();
  }

  /** Sessions with an entry held. */
  int sessions() {
    return buckets.size();
  }

  private boolean pollOldest() {
    Entry oldest = oldestFirst.poll();
    if (oldest == null) {
      return false;
    }
    queued.decrementAndGet();
    oldest.drop();
    return true;
  }

  private final class Bucket {
    final String sessionId;
    final LinkedHashMap<String, Entry> byTxn = new LinkedHashMap<>();
    boolean dead;

    Bucket(String sessionId) {
      this.sessionId = sessionId;
    }
  }

  private final class Entry {
    final Bucket bucket;
    final String txn;
    final Sent sent;
    final long expiresAt;

    Entry(Bucket bucket, String txn, Sent sent, long expiresAt) {
      this.bucket = bucket;
      this.txn = txn;
      this.sent = sent;
      this.expiresAt = expiresAt;
    }

    boolean expired(long now) {
      return now - expiresAt >= 0;
    }

    /** Leaves its session's map, if still there; an emptied session is unlinked. */
    void drop() {
      synchronized (bucket) {
        bucket.byTxn.remove(txn, this);
        if (bucket.byTxn.isEmpty() && !bucket.dead) {
          bucket.dead = true;
          buckets.remove(bucket.sessionId, bucket);
        }
      }
    }
  }
}
