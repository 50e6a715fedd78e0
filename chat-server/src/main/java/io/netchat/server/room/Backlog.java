package io.netchat.server.room;

import io.netchat.codec.ServerMessage;
import io.netchat.store.ChatStore;
import io.netchat.store.StoredMessage;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.Consumer;

/**
 * A room's events in a seq range — messages and topic changes, one numbering — from its in-memory
 * ring where it still holds them and from the store for the older ones. Reads run on the store's
 * thread; each continuation runs on the room's loop, and the last one reads the ring's newest
 * events and hands the whole range to its consumer in the same task, so nothing broadcast in
 * between is missed or sent twice. Events are always read, even for a reader of messages only:
 * where the range really starts ({@link Found#first()}) is known only from them. Room loop only.
 */
final class Backlog {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final RoomStore store;
  private final String key;
  private final String room;
  private final LongFunction<String> msgids;
  private final HistoryStore ring;
  private final Executor loop;

  /** @param msgids the room's msgid of a seq, under its epoch at the time of the read */
  Backlog(RoomStore store, String key, String room, LongFunction<String> msgids, HistoryStore ring, EventLoop loop) {
    this.store = store;
    this.key = key;
    this.room = room;
    this.msgids = msgids;
    this.ring = ring;
    this.loop = RoomStore.on(loop);
  }

  /**
   * A collected range.
   *
   * @param events the events found, oldest first, messages and topic changes
   * @param first the seq the range starts at: the first event's, or past the ring's last when
   *     none was found; later than the range asked for when the store no longer keeps its start
   */
  record Found(List<ServerMessage> events, long first) {

    /** The messages among the events: what a reader of messages only gets. */
    List<ServerMessage.Message> messages() {
      List<ServerMessage.Message> messages = new ArrayList<>(events.size());
      for (ServerMessage event : events) {
        if (event instanceof ServerMessage.Message message) {
          messages.add(message);
        }
      }
      return messages;
    }
  }

  /** Whether the ring alone holds every event of {@code [from, ring's last]}. */
  boolean inMemory(long from) {
    return from >= ring.firstSeq() || from > ring.lastSeq();
  }

  /**
   * Collects the events with seq in {@code [from, to]} (and at most the ring's last), oldest
   * first, and gives them to {@code then} on the room's loop. Events the store no longer keeps
   * (retention) are left out: the range may start later than {@code from}. The returned stage
   * completes after {@code then} ran, or exceptionally when a read failed ({@code then} not run).
   */
  CompletableFuture<Void> collect(long from, long to, Consumer<Found> then) {
    return collect(from, to, new ArrayList<>(), 0, then);
  }

  /** {@code first}: the seq of the first event found so far, 0 while none. */
  private CompletableFuture<Void> collect(long from, long to, List<ServerMessage> found, long first,
      Consumer<Found> then) {
    long last = Math.min(to, ring.lastSeq());
    long ringFirst = ring.firstSeq();
    if (from > last || from >= ringFirst) {
      long start = first;
      if (from <= last) {
        found.addAll(ring.eventsAfter(from - 1, (int) Math.min(Integer.MAX_VALUE, last - from + 1)));
        start = start == 0 ? from : start; // the ring holds every seq of its window
      }
      then.accept(new Found(found, start == 0 ? ring.lastSeq() + 1 : start));
      return DONE;
    }
    long upTo = Math.min(last, ringFirst - 1); // the ring serves the rest
    int limit = (int) Math.min(ChatStore.MAX_READ, upTo - from + 1);
    return store.store().readAfter(key, from - 1, limit, ChatStore.Select.EVENTS).thenComposeAsync(stored -> {
      long next = from;
      long firstFound = first;
      boolean exhausted = stored.size() < limit; // the store holds nothing more up to upTo
      for (StoredMessage event : stored) {
        if (event.seq() > upTo) {
          exhausted = true;
          break;
        }
        found.add(RoomStore.event(room, msgids, event));
        firstFound = firstFound == 0 ? event.seq() : firstFound;
        next = event.seq() + 1;
      }
      return collect(exhausted ? upTo + 1 : next, to, found, firstFound, then);
    }, loop);
  }
}
