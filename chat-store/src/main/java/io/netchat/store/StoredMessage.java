package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored room event: a message, a topic change or a moderation event, each taking a seq in the same numbering
 * (contract 1.1, "one ordered stream per room").
 *
 * @param seq the event's seq in its room, from 1
 * @param kind what the event is
 * @param from the sender of a message; who set a topic ({@code ""} when it was cleared)
 * @param text the message's text; the new topic ({@code ""} when cleared)
 * @param ts when the server took it
 * @param txn the sender's retry token of a message ({@code say{txn}}), null when none; always null
 *     for other events
 * @param action whether a message is an action ({@code say{action: true}}, IRC's {@code /me});
 *     always false for other events
 * @param account the account the sender of a message was logged in to (case-folded), null for a
 *     guest; always null for other events
 */
public record StoredMessage(long seq, Kind kind, String from, String text, Instant ts, String txn, boolean action,
    String account) {

  /** What a stored event is; the name in lower case is the {@code kind} column's value. */
  public enum Kind {
    MESSAGE,
    TOPIC,
    /**
     * A moderation event (§17 of the protocol: kick, role, mode, ban, unban): {@code from} is who
     * did it, {@code text} the server's own encoding of the event; the store does not read it.
     */
    EVENT
  }

  public StoredMessage {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, got " + seq);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ts, "ts");
    if (kind != Kind.MESSAGE && (txn != null || action || account != null)) {
      throw new IllegalArgumentException("a room event other than a message carries no txn or account and is no action");
    }
  }

  /** An event whose sender was a guest (or that is no message). */
  public StoredMessage(long seq, Kind kind, String from, String text, Instant ts, String txn, boolean action) {
    this(seq, kind, from, text, ts, txn, action, null);
  }

  /** An event that is not an action. */
  public StoredMessage(long seq, Kind kind, String from, String text, Instant ts, String txn) {
    this(seq, kind, from, text, ts, txn, false);
  }

  /** A message without a txn. */
  public StoredMessage(long seq, String from, String text, Instant ts) {
    this(seq, Kind.MESSAGE, from, text, ts, null);
  }

  /** A topic change: {@code topic} set by {@code by} ({@code ""} for both when cleared). */
  public static StoredMessage topic(long seq, String by, String topic, Instant ts) {
    return new StoredMessage(seq, Kind.TOPIC, by, topic, ts, null);
  }

  /** A moderation event {@code text} (the server's encoding) done by {@code by}. */
  public static StoredMessage event(long seq, String by, String text, Instant ts) {
    return new StoredMessage(seq, Kind.EVENT, by, text, ts, null);
  }

  /** Whether this is a message (not a room event such as a topic change). */
  public boolean isMessage() {
    return kind == Kind.MESSAGE;
  }
}
