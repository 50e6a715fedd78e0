package io.netchat.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * Keeps everything in the heap; nothing survives the process (today's behaviour, for tests and
 * throw-away servers), accounts and offline dms included. Every future is complete when returned. Each room keeps at most
 * {@code maxPerRoom} events (messages and topic changes), so the heap stays bounded like the
 * in-memory ring.
 */
public final class MemoryStore implements ChatStore {

  /** Messages kept per room when {@code history_retention.max_per_room} is not set. */
  public static final int DEFAULT_MAX_PER_ROOM = 1000;

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final MemoryAccounts accounts = new MemoryAccounts(MemoryAccounts.DEFAULT_MAX_ACCOUNTS, closed::get);
  private final MemoryOfflineDms offlineDms = new MemoryOfflineDms(MemoryOfflineDms.DEFAULT_MAX_TOTAL, closed::get);
  /** Heap the memory store's dm streams hold at most, all accounts together. */
  public static final long DEFAULT_DM_STREAM_BYTES = 64L << 20;
  private final MemoryDmStreams dmStreams = new MemoryDmStreams(DEFAULT_DM_STREAM_BYTES, closed::get);
  /** The server-wide bans by mask, in mask order; guarded by itself. */
  private final java.util.SortedMap<String, StoredRules.Ban> serverBans = new java.util.TreeMap<>();
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
  public CompletableFuture<Long> append(String key, String from, String account, String text, Instant ts,
      String txn, boolean action) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    return append(key, ts, seq -> new StoredMessage(seq, StoredMessage.Kind.MESSAGE, from, text, ts, txn, action,
        account));
  }

  @Override
  public CompletableFuture<Long> appendTopic(String key, String topic, String by, Instant ts) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(by, "by");
    return append(key, ts, seq -> StoredMessage.topic(seq, by, topic, ts));
  }

  @Override
  public CompletableFuture<Long> appendEvent(String key, String by, String text, Instant ts, RuleChange change) {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(text, "text");
    return append(key, ts, seq -> StoredMessage.event(seq, by, text, ts), change);
  }

  @Override
  public CompletableFuture<Void> changeRules(String key, RuleChange change) {
    Objects.requireNonNull(change, "change");
    Room room = ChatStore.requireOpened(rooms, key);
    if (closed.get()) {
      return closedFuture();
    }
    room.change(change);
    return CompletableFuture.completedFuture(null);
  }

  private CompletableFuture<Long> append(String key, Instant ts, LongFunction<StoredMessage> event) {
    return append(key, ts, event, null);
  }

  private CompletableFuture<Long> append(String key, Instant ts, LongFunction<StoredMessage> event,
      RuleChange change) {
    Objects.requireNonNull(ts, "ts");
    Room room = ChatStore.requireOpened(rooms, key);
    if (closed.get()) {
      return closedFuture();
    }
    long seq = room.append(event);
    if (change != null) {
      room.change(change);
    }
    return CompletableFuture.completedFuture(seq);
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readAfter(String key, long afterSeq, int limit,
      Select select) {
    ChatStore.checkRead(key, afterSeq, limit);
    Objects.requireNonNull(select, "select");
    return read(key, room -> room.after(afterSeq, limit, select));
  }

  @Override
  public CompletableFuture<List<StoredMessage>> readBefore(String key, long beforeSeq, int limit,
      Select select) {
    ChatStore.checkRead(key, beforeSeq, limit);
    Objects.requireNonNull(select, "select");
    return read(key, room -> room.before(beforeSeq, limit, select));
  }

  @Override
  public CompletableFuture<List<StoredRules.Ban>> serverBans() {
    if (closed.get()) {
      return closedFuture();
    }
    synchronized (serverBans) {
      return CompletableFuture.completedFuture(List.copyOf(serverBans.values()));
    }
  }

  @Override
  public CompletableFuture<Void> changeServerBans(RuleChange change) {
    ChatStore.checkServerBanChange(change);
    if (closed.get()) {
      return closedFuture();
    }
    synchronized (serverBans) {
      if (change instanceof RuleChange.BanAdded added) {
        Instant now = added.ban().created();
        serverBans.values().removeIf(ban -> ban.expires() != null && !ban.expires().isAfter(now));
        serverBans.put(added.ban().mask(), added.ban());
      } else {
        serverBans.remove(((RuleChange.BanLifted) change).mask());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public OfflineDmStore offlineDms() {
    return offlineDms;
  }

  @Override
  public DmStreamStore dmStreams() {
    return dmStreams;
  }

  @Override
  public StoreConfig.Durability durability() {
    return durability;
  }

  @Override
  public Optional<String> notWritableBecause() {
    return closed.get() ? Optional.of("store closed") : Optional.empty();
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
    private StoredRules rules;

    Room(RoomMeta meta) {
      this.meta = meta;
    }

    synchronized RoomState state() {
      return new RoomState(meta, lastSeq, rules);
    }

    synchronized void change(RuleChange change) {
      rules = change.applyTo(rules);
    }

    synchronized long append(LongFunction<StoredMessage> newEvent) {
      lastSeq++;
      StoredMessage event = newEvent.apply(lastSeq);
      if (event.kind() == StoredMessage.Kind.TOPIC) {
        meta = meta.withTopic(event.text(), event.from());
      }
      messages.addLast(event);
      Instant ts = event.ts();
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

    synchronized List<StoredMessage> after(long afterSeq, int limit, Select select) {
      List<StoredMessage> out = new ArrayList<>(Math.min(limit, messages.size()));
      for (StoredMessage m : messages) {
        if (m.seq() > afterSeq && select.includes(m)) {
          out.add(m);
          if (out.size() == limit) {
            break;
          }
        }
      }
      return out;
    }

    synchronized List<StoredMessage> before(long beforeSeq, int limit, Select select) {
      ArrayDeque<StoredMessage> out = new ArrayDeque<>(Math.min(limit, messages.size()));
      for (Iterator<StoredMessage> it = messages.descendingIterator();
          it.hasNext() && out.size() < limit; ) {
        StoredMessage m = it.next();
        if (m.seq() < beforeSeq && select.includes(m)) {
          out.addFirst(m);
        }
      }
      return new ArrayList<>(out);
    }
  }
}
