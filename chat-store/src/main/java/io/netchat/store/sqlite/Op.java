package io.netchat.store.sqlite;

import io.netchat.store.StoredMessage;
import java.util.concurrent.CompletableFuture;

/** One unit of work for the writer; the writer applies them in queue order, many per transaction. */
sealed interface Op {

  String key();

  /** Completes or fails whatever waits for this op. */
  void fail(Throwable cause);

  /** Load-or-create a room. */
  record Open(String key, String name, long createdMs, CompletableFuture<io.netchat.store.RoomState> done)
      implements Op {
    @Override
    public void fail(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /** Change a room's stored rules without an event; {@code done} completes after the commit. */
  record Rules(String key, io.netchat.store.RuleChange change, CompletableFuture<Void> done) implements Op {
    @Override
    public void fail(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  /**
   * Insert a room event: a message, or a topic change that also becomes the room's topic.
   * {@code seq} is 0 when the writer issues it (commit durability) and the seq the caller already
   * got otherwise; {@code account} is a message sender's account (null: a guest); {@code action}
   * marks a {@code /me} message; {@code change} is the rule change a
   * moderation event carries (null: none); {@code done} is null when the caller
   * was answered at once.
   */
  record Append(String key, long seq, StoredMessage.Kind kind, String from, String account, String text, long ts,
      String txn,
      boolean action, io.netchat.store.RuleChange change, CompletableFuture<Long> done) implements Op {
    @Override
    public void fail(Throwable cause) {
      if (done != null) {
        done.completeExceptionally(cause);
      }
    }
  }
}
