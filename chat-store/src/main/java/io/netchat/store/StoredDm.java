package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A direct message as it was sent, kept while its recipient had no session (§18); {@code account}
 * is the sender's account (case-folded), null for a guest.
 */
public record StoredDm(String from, String to, String text, Instant ts, String msgid, String account) {
  public StoredDm {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(msgid, "msgid");
  }

  /** A dm from a guest. */
  public StoredDm(String from, String to, String text, Instant ts, String msgid) {
    this(from, to, text, ts, msgid, null);
  }
}
