package io.netchat.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The events a script has received and not yet matched, for {@code expect}. An expectation takes
 * the earliest unmatched event that satisfies it, whenever it arrived, so a script need not race
 * the server. Bounded: past {@link #MAX_EVENTS} unmatched events, the oldest are forgotten.
 */
final class EventLog {
  static final int MAX_EVENTS = 10_000;

  private final LinkedList<JsonNode> unmatched = new LinkedList<>();
  private final LinkedList<String> recentTypes = new LinkedList<>();
  private boolean closed;

  synchronized void add(JsonNode event) {
    unmatched.add(event);
    if (unmatched.size() > MAX_EVENTS) {
      unmatched.removeFirst();
    }
    recentTypes.add(event.path("type").asText("?"));
    if (recentTypes.size() > 8) {
      recentTypes.removeFirst();
    }
    notifyAll();
  }

  /** No more events will come (the connection is closed for good). */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Removes and returns the earliest unmatched event satisfying {@code condition}, waiting up to
   * {@code timeout} for it; null when none came in time or the connection closed first.
   */
  synchronized JsonNode take(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Iterator<JsonNode> it = unmatched.iterator(); it.hasNext(); ) {
        JsonNode event = it.next();
        if (condition.test(event)) {
          it.remove();
          return event;
        }
      }
      long left = deadline - System.nanoTime();
      if (closed || left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Types of the last few events received, oldest first, for failure messages. */
  synchronized List<String> recentTypes() {
    return new ArrayList<>(recentTypes);
  }
}
