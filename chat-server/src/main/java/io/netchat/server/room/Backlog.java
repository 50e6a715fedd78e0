package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netchat.store.ChatStore;
import io.netchat.store.StoredMessage;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A room's messages in a seq range, from its in-memory ring where it still holds them and from
 * the store for the older ones. Reads run on the store's thread; each continuation runs on the
 * room's loop, and the last one reads the ring's newest messages and hands the whole list to its
 * consumer in the same task, so nothing broadcast in between is missed or sent twice. Room loop
 * only.
 */
final class Backlog {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final RoomStore store;
  private final String key;
  private final String room;
  private final HistoryStore ring;
  private final Executor loop;

  Backlog(RoomStore store, String key, String room, HistoryStore ring, EventLoop loop) {
    this.store = store;
    this.key = key;
    this.room = room;
    this.ring = ring;
    this.loop = RoomStore.on(loop);
  }

  /** Whether the ring alone holds every message of {@code [from, ring's last]}. */
  boolean inMemory(long from) {
    return from >= ring.firstSeq() || from > ring.lastSeq();
  }

  /**
   * Collects the messages with seq in {@code [from, to]} (and at most the ring's last), oldest
   * first, and gives them to {@code then} on the room's loop. Messages the store no longer keeps
   * (retention) are left out: the list may start later than {@code from}. The returned stage
   * completes after {@code then} ran, or exceptionally when a read failed ({@code then} not run).
   */
  CompletableFuture<Void> collect(long from, long to, Consumer<List<ServerMessage.Message>> then) {
    return collect(from, to, new ArrayList<>(), then);
  }

  private CompletableFuture<Void> collect(long from, long to, List<ServerMessage.Message> found,
      Consumer<List<ServerMessage.Message>> then) {
    long last = Math.min(to, ring.lastSeq());
    long first = ring.firstSeq();
    if (from > last || from >= first) {
      if (from <= last) {
        found.addAll(ring.after(from - 1, (int) Math.min(Integer.MAX_VALUE, last - from + 1)));
      }
      then.accept(found);
      return DONE;
    }
    int limit = (int) Math.min(ChatStore.MAX_READ, Math.min(last, first - 1) - from + 1);
    return store.store().readAfter(key, from - 1, limit).thenComposeAsync(stored -> {
      long next = from;
      for (StoredMessage message : stored) {
        if (message.seq() >= next && message.seq() <= to) {
          found.add(RoomStore.message(room, message));
          next = message.seq() + 1;
        }
      }
      if (next == from) {
        next = ring.firstSeq(); // the store keeps nothing more below the ring: what it pruned is gone
      }
      return collect(next, to, found, then);
    }, loop);
  }
}
