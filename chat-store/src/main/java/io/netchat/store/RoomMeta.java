package io.netchat.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A room's stored metadata.
 *
 * @param key the case-folded room name, the room's identity in the store
 * @param name the name as first written
 * @param topic the topic, {@code ""} when none
 * @param topicBy the nick that set the topic, {@code ""} when none
 * @param created when the room was first stored
 * @param epoch changes whenever the continuity of the room's seqs cannot be proven
 */
public record RoomMeta(String key, String name, String topic, String topicBy, Instant created, long epoch) {

  /** Longest key the store accepts (room names are shorter; this is a guard, not the rule). */
  public static final int MAX_KEY_LENGTH = 256;

  public RoomMeta {
    checkKey(key);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(topicBy, "topicBy");
    Objects.requireNonNull(created, "created");
    if (epoch <= 0) {
      throw new IllegalArgumentException("epoch must be > 0, got " + epoch);
    }
  }

  /** This metadata with another topic. */
  public RoomMeta withTopic(String newTopic, String by) {
    return new RoomMeta(key, name, newTopic, by, created, epoch);
  }

  /** A random epoch in 1..2^53-1 (exact in JSON numbers) other than {@code previous}. */
  public static long newEpoch(long previous) {
    long epoch;
    do {
      epoch = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 53);
    } while (epoch == previous);
    return epoch;
  }

  /** Checks a room key; throws {@link IllegalArgumentException} naming the rule. */
  public static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("room key must be 1.." + MAX_KEY_LENGTH + " chars");
    }
  }
}
