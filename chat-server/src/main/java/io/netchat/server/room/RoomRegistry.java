package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netchat.store.RoomMeta;
import io.netchat.store.RoomState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rooms by case-insensitive name, and the entry point for every room command: it finds the
 * room and hands the command to it on the room's loop (through {@link Member#submit}, which keeps
 * each session's answers in order). A command for a room that does not exist is answered here:
 * {@code not_joined} where membership is needed, else {@code no_such_room}. A room is created on
 * first join (bounded by {@code max_rooms} and by the creation rate of {@link RoomCreations}),
 * pinned to an event loop chosen round-robin, and removed when its last member leaves, or, when it
 * holds history or a topic, once it has been empty for the configured retention.
 *
 * <p>With a durable store, a room comes back lazily: the first join of a room that is not in
 * memory opens it in the store ({@code ChatStore.openRoom}: its topic, its epoch and the last seq
 * issued) and the join completes when that answer reaches the room's loop; joins that arrive
 * meanwhile wait for the same opening. Nothing is read per room at start-up.
 *
 * <p>The rooms are kept ordered by key, so a {@code rooms} page is a walk of the entries after the
 * cursor: its cost is the page, not the number of rooms, and a room present during a whole walk
 * of pages is listed exactly once. Thread-safe.
 */
public final class RoomRegistry {
  private final ConcurrentSkipListMap<String, Room> rooms = new ConcurrentSkipListMap<>();
  private final RoomContext context;
  private final Supplier<EventLoop> loops;
  private final RoomCreations creations;
  private final RoomStore store;
  /** Rooms being loaded from the store, by key; guarded by this registry's lock. */
  private final Map<String, Opening> opening = new HashMap<>();
  /** The size of {@link #rooms} plus the openings, which a skip list does not keep; changed under this registry's lock. */
  private volatile int count;

  /** A room that exists, or is being loaded from the store, and the loop it lives on. */
  private record Opening(EventLoop loop, CompletableFuture<Room> room) {
    static Opening of(Room room) {
      return new Opening(room.loop(), CompletableFuture.completedFuture(room));
    }
  }

  /**
   * @param context what rooms need from the server
   * @param loops picks the event loop a new room lives on
   */
  public RoomRegistry(RoomContext context, Supplier<EventLoop> loops) {
    this(context, loops, RoomCreations.UNLIMITED);
  }

  /**
   * @param context what rooms need from the server
   * @param loops picks the event loop a new room lives on
   * @param creations may refuse a creation by rate, and logs limit hits
   */
  public RoomRegistry(RoomContext context, Supplier<EventLoop> loops, RoomCreations creations) {
    this(context, loops, creations, null);
  }

  /**
   * @param context what rooms need from the server
   * @param loops picks the event loop a new room lives on
   * @param creations may refuse a creation by rate, and logs limit hits
   * @param store the durable store rooms are loaded from and written to; null: memory only
   */
  public RoomRegistry(RoomContext context, Supplier<EventLoop> loops, RoomCreations creations, RoomStore store) {
    this.context = context;
    this.loops = loops;
    this.creations = creations;
    this.store = store;
    if (store != null) {
      store.store().onNewEpoch(this::newEpoch);
    }
    RoomEventText.warm();
  }

  /** The store gave the room {@code key} a new epoch (a store thread): the room in memory takes it. */
  private void newEpoch(String key, long epoch) {
    Room room = rooms.get(key);
    if (room != null) {
      room.execute(() -> room.newEpoch(epoch));
    }
  }

  /** The durable store, or null when rooms keep history in memory only. */
  RoomStore store() {
    return store;
  }

  /** The room called {@code name} (any case), or {@code null}. */
  public Room get(String name) {
    return rooms.get(Names.key(name));
  }

  /** Rooms that exist now, members or not. */
  public int size() {
    return count;
  }

  /** Joins {@code session} to {@code name}, creating (or loading) the room if needed. */
  public void join(Member session, String name, Long since, String id) {
    join(session, name, since, null, id);
  }

  /**
   * Joins {@code session} to {@code name}, creating (or loading) the room if needed; {@code since}
   * counts in the room's epoch {@code sinceEpoch} (null: unknown, a v1 client).
   */
  public void join(Member session, String name, Long since, String sinceEpoch, String id) {
    join(session, name, since, sinceEpoch, null, id);
  }

  /** As {@link #join(Member, String, Long, String, String)}, giving the room's key ({@code password}, §17; null: none). */
  public void join(Member session, String name, Long since, String sinceEpoch, String password, String id) {
    Opening opening;
    try {
      opening = acquire(name, session);
    } catch (LimitReached e) {
      answer(session, () -> {
        session.joinAnswered(Names.key(name), false);
        session.send(e.error(id, "join"));
      });
      return;
    }
    String nick = session.nick(); // as of this command: a later nick change renames it in order
    session.submitAsync(opening.loop(), () -> whenOpen(opening,
        room -> room.join(session, nick, since, sinceEpoch, password, id), failure -> refuseJoin(session, name, id, failure)));
  }

  /**
   * A join that reached a room just removed: goes to the room now under that name (on the removed
   * room's loop); the returned stage completes when it is answered.
   */
  CompletionStage<?> rejoin(Member session, String nick, String name, Long since, String sinceEpoch, String password,
      String id) {
    try {
      Opening opening = acquire(name, null);
      CompletableFuture<Object> answered = new CompletableFuture<>();
      opening.loop().execute(() -> whenOpen(opening, room -> room.join(session, nick, since, sinceEpoch, password, id),
          failure -> refuseJoin(session, name, id, failure)).whenComplete((ignored, failure) -> answered.complete(null)));
      return answered;
    } catch (LimitReached e) {
      session.joinAnswered(Names.key(name), false);
      session.send(e.error(id, "join"));
      return Room.ANSWERED;
    }
  }

  /**
   * {@code resumed} takes {@code old}'s place in the room {@code key} (a {@code hello{resume}}),
   * without presence; answered only through {@link Member#joinAnswered}.
   */
  public void takeOver(Member old, Member resumed, String key) {
    Room room = get(key);
    if (room == null) {
      answer(resumed, () -> resumed.joinAnswered(key, false));
    } else {
      resumed.submit(room.loop(), () -> room.takeOver(old, resumed));
    }
  }

  /**
   * On the room's loop: runs {@code action} once the room is open (at once when it is), or
   * {@code failed} when the store could not open it.
   */
  private static CompletionStage<?> whenOpen(Opening opening, Function<Room, CompletionStage<?>> action,
      Function<Throwable, CompletionStage<?>> failed) {
    CompletableFuture<Room> room = opening.room();
    if (room.isDone() && !room.isCompletedExceptionally()) {
      return action.apply(room.join());
    }
    return room.<CompletionStage<?>>handleAsync((open, failure) -> failure == null ? action.apply(open)
        : failed.apply(failure), RoomStore.on(opening.loop())).thenCompose(answered -> answered.thenApply(ignored -> null));
  }

  private CompletionStage<?> refuseJoin(Member session, String name, String id, Throwable failure) {
    session.joinAnswered(Names.key(name), false);
    session.send(store.refusal(id, "opening room " + name, failure).forCommand("join"));
    return Room.ANSWERED;
  }

  /** {@code session} leaves {@code name}: answered with {@code left}; others see presence. */
  public void leave(Member session, String name, String id) {
    withMembership(session, name, "leave", id, room -> {
      room.remove(session, ServerMessage.Presence.LEAVE, id);
      return Room.ANSWERED;
    });
  }

  /** {@code session}'s connection ended: the room's others see {@code presence{quit}}. */
  public void quit(Member session, String name) {
    ifMember(session, name, room -> room.remove(session, ServerMessage.Presence.QUIT, null));
  }

  /** {@code session} takes broadcasts in another format, or its own messages back or not: the room {@code name} regroups it. */
  public void regroup(Member session, String name) {
    ifMember(session, name, Room::regroup);
  }

  /** {@code session} is now known as {@code nick}: the room {@code name} tells its other members (§14). */
  public void rename(Member session, String name, String nick) {
    ifMember(session, name, room -> room.rename(session, nick));
  }

  /** {@code session} set ({@code text}) or cleared ({@code null}) its away message: the room {@code name} tells its members (§14). */
  public void away(Member session, String name, String text) {
    ifMember(session, name, room -> room.away(session, text));
  }

  /**
   * Runs {@code action} in the room {@code name}, in the order of the session's commands, for a
   * change that concerns the session's membership; answers nothing (no room: nothing to tell).
   */
  private void ifMember(Member session, String name, Consumer<Room> action) {
    Opening opening = find(name);
    if (opening != null) {
      session.submitAsync(opening.loop(), () -> whenOpen(opening, room -> {
        action.accept(room);
        return Room.ANSWERED;
      }, failure -> Room.ANSWERED));
    }
  }

  /**
   * {@code session} says {@code text} in {@code name}, with the retry token {@code txn} (null: none);
   * {@code action}: as an action ({@code /me}, §14).
   */
  public void say(Member session, String name, String text, String id, String txn, boolean action) {
    withMembership(session, name, "say", id, room -> room.say(session, text, id, txn, action));
  }

  /** Reads ({@code text == null}) or sets the topic. */
  public void topic(Member session, String name, String text, String id) {
    if (text == null) {
      withRoom(session, name, "topic", id, room -> {
        room.sendTopic(session, id);
        return Room.ANSWERED;
      });
    } else {
      withMembership(session, name, "topic", id, room -> room.setTopic(session, text, id));
    }
  }

  /** Answers {@code who}: one page of members after {@code after}, at most {@code limit} (capped). */
  public void who(Member session, String name, String after, Integer limit, String id) {
    withRoom(session, name, "who", id, room -> {
      room.sendMembers(session, after, pageSize(limit), id);
      return Room.ANSWERED;
    });
  }

  /**
   * Answers {@code history} (older messages than the ring holds come from the store), or
   * {@code epoch_changed} when the room's epoch is not {@code epoch} (null: any).
   */
  public void history(Member session, String name, Long before, Integer limit, String epoch, String id) {
    withRoom(session, name, "history", id, room -> room.sendHistory(session, before, limit, epoch, id));
  }

  /** {@code kick} (§17): the room decides whether {@code session} may. */
  public void kick(Member session, String name, String nick, String reason, String id) {
    withMembership(session, name, "kick", id, room -> room.moderation().kick(session, nick, reason, id));
  }

  /** {@code ban} (§17). */
  public void ban(Member session, String name, String mask, Long durationS, String reason, String id) {
    withMembership(session, name, "ban", id, room -> room.moderation().ban(session, mask, durationS, reason, id));
  }

  /** {@code unban} (§17). */
  public void unban(Member session, String name, String mask, String id) {
    withMembership(session, name, "unban", id, room -> room.moderation().unban(session, mask, id));
  }

  /** {@code bans} (§17): one page of the room's bans after {@code after}. */
  public void bans(Member session, String name, String after, Integer limit, String id) {
    withMembership(session, name, "bans", id, room -> {
      room.moderation().sendBans(session, after, pageSize(limit), id);
      return Room.ANSWERED;
    });
  }

  /** {@code mode} (§17): a read any session may send about a public room, or a change. */
  public void mode(Member session, io.netchat.codec.ClientMessage.Mode mode, String id) {
    if (mode.isRead()) {
      withRoom(session, mode.room(), "mode", id, room -> room.moderation().mode(session, mode, id));
    } else {
      withMembership(session, mode.room(), "mode", id, room -> room.moderation().mode(session, mode, id));
    }
  }

  /** {@code role} (§17). */
  public void role(Member session, String name, String nick, String role, String id) {
    withMembership(session, name, "role", id, room -> room.moderation().role(session, nick, role, id));
  }

  /** {@code invite} (§17): {@code target} is the connected user invited. */
  public void invite(Member session, String name, Member target, String id) {
    withMembership(session, name, "invite", id, room -> {
      room.moderation().invite(session, target, id);
      return Room.ANSWERED;
    });
  }

  /** A server admin takes {@code name} over (§17.6); the room checks its owner is gone. */
  public void takeOverAsAdmin(Member admin, String name, String id) {
    withRoom(admin, name, "admin_takeover", id, room -> room.moderation().takeOverAsAdmin(admin, id));
  }

  /**
   * One page of rooms in key order, after the cursor {@code after} ({@code null}: from the first),
   * at most {@code limit} (capped by {@code max_list_page}) and no more than could fit a frame
   * (the names and topics in chars stay within {@code max_frame_length}). Reads each room's
   * volatile name, member count and topic, without going to its loop.
   */
  Page<ServerMessage.RoomInfo> page(String after, Integer limit) {
    NavigableMap<String, Room> tail = after == null ? rooms : rooms.tailMap(after, false);
    int max = pageSize(limit);
    List<ServerMessage.RoomInfo> page = new ArrayList<>(Math.min(max, 64));
    long chars = 0;
    Iterator<Room> it = tail.values().iterator();
    while (page.size() < max && it.hasNext()) {
      Room room = it.next();
      if (room.secret()) {
        continue; // §17: a secret room is not listed
      }
      ServerMessage.RoomInfo info = new ServerMessage.RoomInfo(room.name(), room.memberCount(), room.topic());
      chars += info.name().length() + info.topic().length();
      if (chars > context.limits().maxFrameLength() && !page.isEmpty()) {
        return new Page<>(page, true); // a char is at least a byte in every format: this one cannot fit
      }
      page.add(info);
    }
    return new Page<>(page, it.hasNext());
  }

  /**
   * Answers {@code rooms} with one page, framed in {@code format}: cut further if it would not fit
   * a frame ({@code next} then follows the last room included). The caller owns the buffer.
   */
  public ByteBuf rooms(String after, Integer limit, String re, WireFormat format, ByteBufAllocator allocator) {
    Page<ServerMessage.RoomInfo> page = page(after, limit);
    return FrameFitter.page(page, info -> Names.key(info.name()), (kept, next) -> new ServerMessage.Rooms(kept, next, re),
        format, allocator);
  }

  /** The page size for a requested {@code limit}: the configured page when absent, capped by it. */
  int pageSize(Integer limit) {
    int max = context.limits().maxListPage();
    return limit == null ? max : Math.min(limit, max);
  }

  /** Stops every room's timers (server shutdown). */
  public void disposeAll() {
    rooms.values().forEach(room -> room.execute(room::dispose));
  }

  void remove(Room room) {
    synchronized (this) {
      if (rooms.remove(room.key(), room)) {
        count--;
      }
    }
  }

  /** On the room's loop: the store answered an opening; the room exists from now on, named as first stored. */
  private Room opened(EventLoop loop, RoomState state) {
    Room room = new Room(state.meta().name(), loop, context, this, Long.toString(state.meta().epoch()));
    room.restore(state);
    synchronized (this) {
      opening.remove(room.key());
      rooms.put(room.key(), room);
    }
    return room;
  }

  /** The store could not open the room: it does not exist, and a later join tries again. */
  private void notOpened(String key) {
    synchronized (this) {
      opening.remove(key);
      count--;
    }
  }

  /** A command any session may send about an existing room. */
  private void withRoom(Member session, String name, String command, String id,
      Function<Room, CompletionStage<?>> action) {
    forward(session, name, action,
        () -> new ServerMessage.Error(id, ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'").forCommand(command));
  }

  /** A command that needs membership: a room that does not exist has no members either. */
  private void withMembership(Member session, String name, String command, String id,
      Function<Room, CompletionStage<?>> action) {
    forward(session, name, action, () -> Room.notJoined(name, command, id));
  }

  /**
   * Hands {@code action} to the room's loop. A room still being loaded from the store (a join just
   * sent, its answer not back) is waited for, so a command pipelined after a join finds the room.
   */
  private void forward(Member session, String name, Function<Room, CompletionStage<?>> action,
      Supplier<ServerMessage.Error> missing) {
    Room room = get(name);
    if (room != null) {
      session.submitAsync(room.loop(), () -> action.apply(room));
      return;
    }
    Opening opening = find(name);
    if (opening == null) {
      answer(session, () -> session.send(missing.get()));
      return;
    }
    session.submitAsync(opening.loop(), () -> whenOpen(opening, action, failure -> {
      session.send(missing.get());
      return Room.ANSWERED;
    }));
  }

  /** The room called {@code name}, existing or being loaded, or null. */
  private Opening find(String name) {
    String key = Names.key(name);
    Room room = rooms.get(key);
    if (room != null) {
      return Opening.of(room);
    }
    synchronized (this) {
      room = rooms.get(key);
      return room != null ? Opening.of(room) : opening.get(key);
    }
  }

  /** Answers from here, after the answers to the session's earlier commands. */
  private static void answer(Member session, Runnable answer) {
    session.submit(session.loop(), answer);
  }

  /**
   * The room called {@code name}, created (or, with a store, loaded) if needed; {@code creator}
   * null: not rate limited.
   */
  private Opening acquire(String name, Member creator) {
    String key = Names.key(name);
    Room room = rooms.get(key);
    if (room != null) {
      return Opening.of(room);
    }
    synchronized (this) {
      room = rooms.get(key);
      Opening loading = opening.get(key);
      if (loading != null) {
        return loading;
      }
      if (room == null) {
        if (count >= context.limits().maxRooms()) {
          String refusal = "the server has its maximum of " + context.limits().maxRooms() + " rooms (limits.max_rooms)";
          creations.limitHit("max_rooms", "refused to create room '" + name + "': " + refusal);
          throw new LimitReached("max_rooms", refusal);
        }
        String refusal = creator == null ? null : creations.refusal(creator);
        if (refusal != null) {
          throw new LimitReached("room_creations_per_minute", refusal);
        }
        count++;
        if (store != null) {
          return open(name, key, loops.get());
        }
        room = new Room(name, loops.get(), context, this, Long.toString(RoomMeta.newEpoch(0)));
        rooms.put(key, room);
      }
      return Opening.of(room);
    }
  }

  /** Starts loading a room from the store (under this registry's lock). */
  private Opening open(String name, String key, EventLoop loop) {
    CompletableFuture<Room> room = new CompletableFuture<>();
    Opening loading = new Opening(loop, room);
    opening.put(key, loading);
    CompletableFuture<RoomState> state;
    try {
      state = store.store().openRoom(key, name, context.clock().instant());
    } catch (RuntimeException e) {
      state = CompletableFuture.failedFuture(e);
    }
    state.whenCompleteAsync((loaded, failure) -> {
      if (failure != null) {
        notOpened(key);
        room.completeExceptionally(failure);
      } else {
        room.complete(opened(loop, loaded));
      }
    }, RoomStore.on(loop));
    return loading;
  }
}
