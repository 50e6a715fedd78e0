package io.netchat.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rooms one session has asked to be in: those the room confirmed, and those whose join the
 * room has not answered yet. This is the session's own fact, not a second record of membership
 * (the room decides who is in): it bounds {@code max_rooms_per_session} exactly, even for joins
 * sent back to back, and names the rooms to tell when the connection ends. Session loop only.
 */
final class AskedRooms {
  private final Map<String, Integer> unanswered = new HashMap<>(4);
  private final Set<String> confirmed = new HashSet<>(4);

  /** Whether one more join of {@code key} keeps the session within {@code max} rooms. */
  boolean admits(String key, int max) {
    return confirmed.contains(key) || unanswered.containsKey(key) || size() < max;
  }

  void joinSent(String key) {
    unanswered.merge(key, 1, Integer::sum);
  }

  /** The room answered one join of {@code key}: in ({@code joined}) or refused. */
  void joinAnswered(String key, boolean joined) {
    unanswered.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    if (joined) {
      confirmed.add(key);
    } else {
      confirmed.remove(key);
    }
  }

  void left(String key) {
    confirmed.remove(key);
  }

  /** The rooms the rooms confirmed, as an immutable set. */
  Set<String> joined() {
    return Set.copyOf(confirmed);
  }

  /** Every room asked for, confirmed or not yet answered. */
  Set<String> all() {
    Set<String> all = new HashSet<>(confirmed);
    all.addAll(unanswered.keySet());
    return all;
  }

  int size() {
    int size = confirmed.size();
    for (String key : unanswered.keySet()) {
      if (!confirmed.contains(key)) {
        size++;
      }
    }
    return size;
  }
}
