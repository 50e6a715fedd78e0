package io.netchat.server.room;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * What each accepted {@code say} or {@code dm} that carried a {@code txn} got (its seq and msgid),
 * per scope — an account, for every session logged in to it, or a guest's logical session — for
 * {@code txn_window_s}: a repeat of the txn is answered from here with
 * {@code duplicate: true} instead of being sent again (contract 1.1, docs/PROTOCOL.md §13).
 *
 * <p><b>Bounded.</b> A scope (the "session" of the names below: an account with all its devices
 * counts as one) holds at most {@code perSession} entries (its oldest goes first), and
 * the whole ledger at most {@code global} (the server's oldest goes first, whoever it belongs to):
 * every entry ever recorded sits in one queue, oldest first, until it is polled, and the queue is
 * never longer than {@code global}. A hostile client that sends thousands of txns therefore costs
 * at most {@code perSession} live entries and pushes only the oldest entries out, never the heap
 * up. An entry past the window is never answered from, and is dropped when it reaches the head.
 * The server sizes {@code global} by {@link #globalCap}: {@value #ENTRIES_PER_CONNECTION} entries
 * per allowed connection, whose heap ({@value #ENTRY_BYTES} bytes each at most) is part of the
 * heap the memory plan allows each connection.
 *
 * <p><b>Reserved at submit.</b> A send {@link #claim claims} its txn before it does anything: the
 * first claim reserves it (pending) and the send then {@link Claim#settle settles} it with what it
 * got, or {@link Claim#fail fails} it when refused, which frees the txn for a later retry. A claim
 * of a txn already reserved is not first: it gets the first send's outcome, done or still pending,
 * and is answered from that. So a retry on a resumed connection (whose commands are not ordered
 * after the old connection's) that arrives while the first send still waits for its store commit
 * waits for that commit too, and never sends twice.
 *
 * <p>Thread-safe.
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

  /**
   * A send's hold on its txn. The {@link #first()} claim sends and then settles or fails it; any
   * other claim of the txn answers from the first one's outcome ({@link #whenSettled}).
   */
  public interface Claim {
    /** Whether this claim reserved the txn: its send goes ahead. */
    boolean first();

    /**
     * Runs {@code answer} with what the first send of the txn got ({@code sent}) or its refusal
     * ({@code failure}): at once when that is known, else on {@code executor} once the first send
     * settles or fails. The stage completes after {@code answer} ran.
     */
    CompletionStage<?> whenSettled(Executor executor, BiConsumer<Sent, Throwable> answer);

    /** The first send went out and got {@code sent}: every claim of the txn is answered with it. First claim only. */
    void settle(Sent sent);

    /** The first send was refused: the txn is free again, and the claims waiting get {@code cause}. First claim only. */
    void fail(Throwable cause);
  }

  /** A claim of a txn another send reserved: it only answers from that send's outcome. */
  private record Repeat(Entry entry) implements Claim {
    @Override
    public boolean first() {
      return false;
    }

    @Override
    public CompletionStage<?> whenSettled(Executor executor, BiConsumer<Sent, Throwable> answer) {
      return entry.whenSettled(executor, answer);
    }

    @Override
    public void settle(Sent sent) {
      throw new IllegalStateException("only the first claim of txn " + entry.txn + " settles it");
    }

    @Override
    public void fail(Throwable cause) {
      throw new IllegalStateException("only the first claim of txn " + entry.txn + " fails it");
    }
  }

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

  /**
   * What the send of {@code txn} by session {@code sessionId} got, if settled within the window;
   * else null (none, pending or refused).
   */
  Sent find(String sessionId, String txn) {
    Bucket bucket = buckets.get(sessionId);
    if (bucket == null) {
      return null;
    }
    long now = nanoTime.getAsLong();
    Entry entry;
    synchronized (bucket) {
      entry = bucket.byTxn.get(txn);
    }
    return entry == null || entry.expired(now) || entry.isCompletedExceptionally() ? null : entry.getNow(null);
  }

  /**
   * Claims {@code txn} for a send by session {@code sessionId}: the first claim within the window
   * reserves it; a later one gets the reserving send's outcome.
   */
  public Claim claim(String sessionId, String txn) {
    long now = nanoTime.getAsLong();
    Entry entry;
    while (true) {
      Bucket bucket = buckets.computeIfAbsent(sessionId, Bucket::new);
      synchronized (bucket) {
        if (bucket.dead) {
          continue; // emptied and unlinked meanwhile: take the one that replaced it
        }
        Entry held = bucket.byTxn.get(txn);
        if (held != null && !held.expired(now)) {
          return new Repeat(held);
        }
        if (held != null) {
          bucket.byTxn.remove(txn); // expired: still queued below, counted until it is polled
        } else if (bucket.byTxn.size() >= perSession) {
          Iterator<Entry> eldest = bucket.byTxn.values().iterator();
          eldest.next();
          eldest.remove(); // still queued below: counted until it is polled
        }
        entry = new Entry(bucket, txn, now + windowNanos);
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
    return entry;
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

  /**
   * One reserved txn; it is its first claim, and the future of that send's outcome (one object per
   * entry, not three: the ledger's heap is part of the memory plan).
   */
  private final class Entry extends CompletableFuture<Sent> implements Claim {
    final Bucket bucket;
    final String txn;
    final long expiresAt;

    Entry(Bucket bucket, String txn, long expiresAt) {
      this.bucket = bucket;
      this.txn = txn;
      this.expiresAt = expiresAt;
    }

    boolean expired(long now) {
      return now - expiresAt >= 0;
    }

    @Override
    public boolean first() {
      return true;
    }

    @Override
    public CompletionStage<?> whenSettled(Executor executor, BiConsumer<Sent, Throwable> answer) {
      BiFunction<Sent, Throwable, Void> answered = (sent, failure) -> {
        answer.accept(sent, failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return null;
      };
      return isDone() ? handle(answered) : handleAsync(answered, executor);
    }

    @Override
    public void settle(Sent sent) {
      complete(sent);
    }

    @Override
    public void fail(Throwable cause) {
      drop();
      completeExceptionally(cause);
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
