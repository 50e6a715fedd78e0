package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/** One stored room message. */
public record StoredMessage(long seq, String from, String text, Instant ts) {

  public StoredMessage {
    if (seq < 1) {
      throw new IllegalArgumentException("seq must be >= 1, got " + seq);
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ts, "ts");
  }
}
