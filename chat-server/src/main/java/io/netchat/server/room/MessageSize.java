package io.netchat.server.room;

import io.netchat.codec.ServerMessage;

/**
 * An honest estimate of the heap one held history message costs, for the history budget. Sizes
 * are those of a 64-bit HotSpot JVM with compressed references and class pointers (any heap under
 * 32 GiB, which includes every supported deployment), objects aligned to 8 bytes:
 *
 * <ul>
 *   <li>the {@code Message} record: 12-byte header, 6 references and a {@code long} = 48 bytes;
 *   <li>its {@code Instant} {@code ts}: header, {@code long}, {@code int} = 24 bytes;
 *   <li>its {@code text}: the {@code String} (24 bytes) and its {@code byte[]} (16-byte header plus
 *       one byte per character when every character is Latin-1, two otherwise — compact strings);
 *       its {@code msgid} and {@code txn} (contract 1.1), when present, alike;
 *   <li>a {@code topic} event (contract 1.1) instead: the record (header, 4 references), its
 *       boxed {@code seq} and its {@code text};
 *   <li>the budget's bookkeeping: the {@link HeldMessage} (40 bytes), its node in the global
 *       queue (24 bytes) and the ring slot that points to it (4 bytes).
 * </ul>
 *
 * <p>The room name and the sender's nick are not counted: they are the room's and the session's
 * strings, shared by every message that names them. {@code MessageSizeTest} checks the estimate
 * against the bytes the JVM really allocates.
 */
final class MessageSize {
  static final int HEADER = 12;
  static final int REFERENCE = 4;
  static final int MESSAGE = align(HEADER + 6 * REFERENCE + Long.BYTES);
  static final int TOPIC = align(HEADER + 4 * REFERENCE);
  static final int LONG = align(HEADER + Long.BYTES);
  /** A moderation event's record (§17): at most ten references. */
  static final int EVENT = align(HEADER + 10 * REFERENCE);
  static final int INSTANT = align(HEADER + Long.BYTES + Integer.BYTES);
  static final int STRING = align(HEADER + REFERENCE + Integer.BYTES + 2);
  static final int ARRAY_HEADER = 16;
  /** What the budget's own bookkeeping costs per message, counted until the entry leaves the queue. */
  static final int ENTRY = align(HEADER + 2 * REFERENCE + Long.BYTES + 2 * Integer.BYTES)
      + align(HEADER + 2 * REFERENCE) + REFERENCE;

  private MessageSize() {}

  /** The message's own heap: the record, its {@code ts} and its {@code text}, without {@link #ENTRY}. */
  static int of(ServerMessage.Message message) {
    return MESSAGE + INSTANT + text(message.text()) + optional(message.msgid()) + optional(message.txn());
  }

  /** A held room event: a message, or a topic change with its record, boxed seq and text. */
  static int of(ServerMessage event) {
    if (event instanceof ServerMessage.Message message) {
      return of(message);
    }
    if (event instanceof ServerMessage.Topic topic) {
      return TOPIC + LONG + text(topic.text());
    }
    if (event instanceof ServerMessage.RoomEvent moderation) {
      return EVENT + LONG + RoomEventText.encode(moderation).length() * 2; // its strings, generously
    }
    throw new IllegalArgumentException("not a room event: " + event.getClass().getSimpleName());
  }

  private static int optional(String text) {
    return text == null ? 0 : text(text);
  }

  /** A string's heap: the object and its compact {@code byte[]}. */
  static int text(String text) {
    return STRING + align(ARRAY_HEADER + text.length() * (latin1(text) ? 1 : 2));
  }

  private static boolean latin1(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static int align(int bytes) {
    return (bytes + 7) & ~7;
  }
}
