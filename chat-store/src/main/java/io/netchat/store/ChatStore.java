package io.netchat.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;

/**
 * Where rooms keep what must survive them: their events (messages and topic changes, in one
 * numbering) and their metadata.
 *
 * <p><b>Threads.</b> No method blocks its caller: each one only checks its arguments and hands
 * the work to the store's own threads, so it may be called from an event loop. The returned
 * futures complete on a store thread (or are already complete); a caller that owns state (a room on its event loop) hops
 * back with {@code thenAcceptAsync(…, eventLoop)} and never calls {@code join()} on a loop.
 *
 * <p><b>Rooms.</b> Rooms are keyed by {@code key} (the case-folded name). A room is loaded lazily:
 * nothing is read for it until {@link #openRoom} — the store reads no per-room state at start-up.
 * {@link #append} and {@link #appendTopic} require that {@code openRoom} for that key has completed.
 *
 * <p><b>Seq.</b> The store issues each room's {@code seq}: 1, 2, 3… with no gap and no repeat,
 * one numbering for the room's events — a message ({@link #append}) and a topic change
 * ({@link #appendTopic}) each take the next one —
 * continuing after a restart from the stored maximum. A seq is never issued twice, even after
 * {@code kill -9}: under {@link StoreConfig.Durability#COMMIT} a seq exists only once its row is
 * committed, and under {@link StoreConfig.Durability#ASYNC} a restart after an unclean stop gives
 * every room a new {@link RoomMeta#epoch() epoch}, so clients re-sync rather than trust old seqs.
 *
 * <p><b>Ordering.</b> Operations on one room are applied in call order when they are called from
 * one thread (the room's event loop): appends get increasing seqs in call order and their futures
 * complete in that order, whether they append messages or topic changes. Reads see every append whose commit has completed: under {@code COMMIT} that is every
 * append whose future has completed; under {@code ASYNC} the newest ones may not be visible yet
 * (the room's in-memory ring serves those).
 *
 * <p><b>What a completed append means.</b> Under {@code COMMIT}, the transaction that holds the
 * message has committed ({@code synchronous=FULL}: it survives {@code kill -9} and power loss);
 * only then may the room broadcast it. Under {@code ASYNC}, the message is queued and its seq
 * reserved; the writer commits it within the window stated in {@code docs/STORE.md} — a
 * {@code kill -9} loses what was still queued, a power loss also what the OS had not written.
 * The memory store keeps nothing across a restart in either mode.
 *
 * <p><b>Failures.</b> A full queue, a failing disk or a closed store fail the future with
 * {@link StoreUnavailableException} (temporary: the store recovers when the disk does, without a
 * restart). Bad arguments throw at once ({@link IllegalArgumentException},
 * {@link IllegalStateException} for a room that was not opened).
 */
public interface ChatStore extends AutoCloseable {

  /** Most messages one read returns. */
  int MAX_READ = 1000;

  /**
   * Loads a room's state, creating it (with a fresh epoch, no topic, last seq 0) when the store has
   * none. {@code name} and {@code created} are used only when the room is created.
   */
  CompletableFuture<RoomState> openRoom(String key, String name, Instant created);

  /**
   * Appends a message to an opened room; completes with its seq (see the class doc for when).
   * {@code txn}, the sender's retry token, is stored with it (null: none), and whether it is an
   * {@code action} ({@code /me}), so that a read gives back the message as it was sent.
   */
  default CompletableFuture<Long> append(String key, String from, String text, Instant ts, String txn, boolean action) {
    return append(key, from, null, text, ts, txn, action);
  }

  /**
   * {@link #append(String, String, String, Instant, String, boolean) append} of a message whose
   * sender is logged in to {@code account} (case-folded; null: a guest), kept with it so that a
   * read gives the message back with the account it was sent with.
   */
  CompletableFuture<Long> append(String key, String from, String account, String text, Instant ts, String txn,
      boolean action);

  /** {@link #append(String, String, String, Instant, String, boolean) append} of a message that is no action. */
  default CompletableFuture<Long> append(String key, String from, String text, Instant ts, String txn) {
    return append(key, from, text, ts, txn, false);
  }

  /** {@link #append(String, String, String, Instant, String, boolean) append} without a txn, no action. */
  default CompletableFuture<Long> append(String key, String from, String text, Instant ts) {
    return append(key, from, text, ts, null, false);
  }

  /**
   * Appends a topic change to an opened room: it takes the room's next seq, like a message, and
   * the room's stored topic (read back by {@link #openRoom}) becomes {@code topic}, set by
   * {@code by}, in the same step — the two never disagree. {@code ""} for both clears the topic.
   * Completes with its seq, as {@link #append} does.
   */
  CompletableFuture<Long> appendTopic(String key, String topic, String by, Instant ts);

  /**
   * Appends a moderation event to an opened room (§17 of the protocol): it takes the room's next
   * seq, like a message; {@code text} is the server's encoding of it. {@code change} (null: none)
   * is applied to the room's stored rules in the same step. Completes with its seq, as
   * {@link #append} does.
   */
  CompletableFuture<Long> appendEvent(String key, String by, String text, Instant ts, RuleChange change);

  /**
   * Applies {@code change} to the stored rules of an opened room without an event (a room that
   * an account has just created). Completes when written, as an append does.
   */
  CompletableFuture<Void> changeRules(String key, RuleChange change);

  /**
   * The server-wide bans kept (§17.6 of the protocol), in mask order, expired ones included (the
   * server skips them): what the server loads at start, before it takes connections.
   */
  CompletableFuture<List<StoredRules.Ban>> serverBans();

  /**
   * Keeps a change to the server-wide bans: {@link RuleChange.BanAdded} adds a ban or replaces the
   * one of its mask (and drops bans that had expired by its {@code created}),
   * {@link RuleChange.BanLifted} lifts one. Changes apply in call order; completes when written
   * (under {@code COMMIT}: committed), on a store thread, never the caller's.
   */
  CompletableFuture<Void> changeServerBans(RuleChange change);

  /** Events with seq greater than {@code afterSeq}, oldest first, at most {@code limit} of them. */
  CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit, Select select);

  /** The newest {@code limit} events with seq less than {@code beforeSeq}, oldest first. */
  CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit, Select select);

  /** {@link #readAfter(String, long, int, Select) readAfter} of messages only. */
  default CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit) {
    return readAfter(key, afterSeq, limit, Select.MESSAGES);
  }

  /** {@link #readBefore(String, long, int, Select) readBefore} of messages only. */
  default CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit) {
    return readBefore(key, beforeSeq, limit, Select.MESSAGES);
  }

  /** Which of a room's events a read returns; {@code limit} counts those only. */
  enum Select {
    /** Messages only (a {@code history} page, a v1 replay): their seqs may skip the events'. */
    MESSAGES,
    /** Every event, messages, topic changes and moderation events, in seq order (a replay to an {@code events} session). */
    EVENTS;

    /** Whether a read of this kind returns {@code event}. */
    public boolean includes(StoredMessage event) {
      return this == EVENTS || event.isMessage();
    }
  }

  /** The registered accounts (docs/PROTOCOL.md §15): kept until restart by the memory store, on disk by sqlite. */
  AccountStore accounts();

  /** The dms kept for accounts with no session (docs/PROTOCOL.md §18): until restart in memory, on disk by sqlite. */
  OfflineDmStore offlineDms();

  /** The per-account dm streams (docs/PROTOCOL.md §18.5): until restart in memory, on disk by sqlite. */
  DmStreamStore dmStreams();

  /** The durability this store was opened with. */
  StoreConfig.Durability durability();

  /**
   * Asks to be told when the store gives a room a new epoch while it runs: under
   * {@link StoreConfig.Durability#ASYNC}, when a write failed after its events were acknowledged,
   * so the room's seqs can no longer be proven continuous. {@code listener} gets the room's key and
   * its new epoch on a store thread, at once (the epoch is written with the next commit; a crash
   * before that changes every epoch anyway) and must not block. One listener; a later call
   * replaces it. The default does nothing: a store that never loses an acknowledged event (the
   * memory store, or {@code COMMIT}) never changes an epoch while running.
   */
  default void onNewEpoch(ObjLongConsumer<String> listener) {}

  /**
   * Writes accepted and waiting for the store's writer now (not yet in a transaction), at most the
   * queue's capacity; 0 for a store without a queue. For metrics: any thread, never blocks.
   */
  default int queuedWrites() {
    return 0;
  }

  /**
   * Asks to be told how long each commit took (one per transaction, however many writes it
   * holds), in nanoseconds, on the writing thread; {@code listener} must not block. One listener;
   * a later call replaces it. The default never calls it: a store that commits nothing.
   */
  default void onCommit(LongConsumer listener) {}

  /**
   * Why the store cannot take writes now — it is closed, or its last write failed and no write has
   * succeeded since (it retries by itself and recovers when the disk does) — or empty when it can.
   * For {@code /health/ready}: any thread, never blocks.
   */
  Optional<String> notWritableBecause();

  /**
   * Stops taking work, commits what is queued, and releases the data directory. Later calls fail
   * with {@link StoreUnavailableException}. Idempotent; blocks until done, so call it from the
   * shutdown path, never from an event loop.
   */
  @Override
  void close();

  /** The state of an opened room, or {@link IllegalStateException}; shared by the implementations. */
  static <T> T requireOpened(java.util.Map<String, T> opened, String key) {
    RoomMeta.checkKey(key);
    T room = opened.get(key);
    if (room == null) {
      throw new IllegalStateException("room " + key + " was not opened");
    }
    return room;
  }

  /** Checks that {@code change} is one server-wide bans take (a ban added or lifted); shared by the implementations. */
  static void checkServerBanChange(RuleChange change) {
    java.util.Objects.requireNonNull(change, "change");
    if (!(change instanceof RuleChange.BanAdded || change instanceof RuleChange.BanLifted)) {
      throw new IllegalArgumentException("server-wide bans take a ban added or lifted, not " + change);
    }
  }

  /** Checks a read's arguments; shared by the implementations. */
  static void checkRead(String key, long seq, int limit) {
    RoomMeta.checkKey(key);
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0, got " + seq);
    }
    if (limit < 1 || limit > MAX_READ) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_READ + ", got " + limit);
    }
  }
}
