package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/** A direct message as it was sent, kept while its recipient had no session (§18). */
public record StoredDm(String from, String to, String text, Instant ts, String msgid) {
  public StoredDm {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(msgid, "msgid");
  }
}
