package io.netchat.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps everything in the heap; nothing survives the process (today's behaviour, for tests and
 * throw-away servers). Every future is complete when returned. Each room keeps at most
 * {@code maxPerRoom} messages, so the heap stays bounded like the in-memory ring.
 */
public final class MemoryStore implements ChatStore {

  /** Messages kept per room when {@code history_retention.max_per_room} is not set. */
  public static final int DEFAULT_MAX_PER_ROOM = 1000;

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final StoreConfig.Durability durability;
  private final StoreConfig.Retention retention;
  private final int maxPerRoom;

  public MemoryStore(StoreConfig.Durability durability, StoreConfig.Retention retention) {
    this.durability = Objects.requireNonNull(durability, "durability");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.maxPerRoom = retention.maxPerRoom() > 0 ? retention.maxPerRoom() : DEFAULT_MAX_PER_ROOM;
  }

  @Override
  public CompletableFuture<RoomState> openRoom(String key, String name, Instant created) {
    RoomMeta.checkKey(key);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
    if (closed.get()) {
      return closedFuture();
    }
    Room room = rooms.computeIfAbsent(
        key, k -> new Room(new RoomMeta(k, name, "", "", created, RoomMeta.newEpoch(0))));
    return CompletableFuture.completedFuture(room.state());
  }

  @Override
  public CompletableFuture<Void> saveRoom(RoomMeta meta) {
    Objects.requireNonNull(meta, "meta");
    Room room = ChatStore.requireOpened(rooms, meta.key());
    if (closed.get()) {
      return closedFuture();
    }
    room.setMeta(meta);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Long> append(String key, String from, String text, Instant ts) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ts, "ts");
    Room room = ChatStore.requireOpened(rooms, key);
    if (closed.get()) {
      return closedFuture();
    }
    return CompletableFuture.completedFuture(room.append(from, text, ts));
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit) {
    ChatStore.checkRead(key, afterSeq, limit);
    return read(key, room -> room.after(afterSeq, limit));
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit) {
    ChatStore.checkRead(key, beforeSeq, limit);
    return read(key, room -> room.before(beforeSeq, limit));
  }

  @Override
  public StoreConfig.Durability durability() {
    return durability;
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private CompletableFuture<List<StoredMessage>> read(
      String key, java.util.function.Function<Room, List<StoredMessage>> query) {
    if (closed.get()) {
      return closedFuture();
    }
    Room room = rooms.get(key);
    return CompletableFuture.completedFuture(room == null ? List.of() : query.apply(room));
  }

  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(StoreUnavailableException.closed());
  }

  /** One room's state; every method holds the room's monitor for a short, non-blocking step. */
  private final class Room {
    private final ArrayDeque<StoredMessage> messages = new ArrayDeque<>();
    private RoomMeta meta;
    private long lastSeq;

    Room(RoomMeta meta) {
      this.meta = meta;
    }

    synchronized RoomState state() {
      return new RoomState(meta, lastSeq);
    }

    synchronized void setMeta(RoomMeta newMeta) {
      meta = new RoomMeta(meta.key(), meta.name(), newMeta.topic(), newMeta.topicBy(),
          meta.created(), meta.epoch());
    }

    synchronized long append(String from, String text, Instant ts) {
      lastSeq++;
      messages.addLast(new StoredMessage(lastSeq, from, text, ts));
      while (messages.size() > maxPerRoom) {
        messages.removeFirst();
      }
      if (!retention.maxAge().isZero()) {
        Instant oldest = ts.minus(retention.maxAge());
        while (!messages.isEmpty() && messages.peekFirst().ts().isBefore(oldest)) {
          messages.removeFirst();
        }
      }
      return lastSeq;
    }

    synchronized List<StoredMessage> after(long afterSeq, int limit) {
      List<StoredMessage> out = new ArrayList<>(Math.min(limit, messages.size()));
      for (StoredMessage m : messages) {
        if (m.seq() > afterSeq) {
          out.add(m);
          if (out.size() == limit) {
            break;
          }
        }
      }
      return out;
    }

    synchronized List<StoredMessage> before(long beforeSeq, int limit) {
      ArrayDeque<StoredMessage> out = new ArrayDeque<>(Math.min(limit, messages.size()));
      for (Iterator<StoredMessage> it = messages.descendingIterator();
          it.hasNext() && out.size() < limit; ) {
        StoredMessage m = it.next();
        if (m.seq() < beforeSeq) {
          out.addFirst(m);
        }
      }
      return new ArrayList<>(out);
    }
  }
}
