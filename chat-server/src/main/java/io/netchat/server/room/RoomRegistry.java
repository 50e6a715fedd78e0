package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
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
 * <p>The rooms are kept ordered by key, so a {@code rooms} page is a walk of the entries after the
 * cursor: its cost is the page, not the number of rooms, and a room present during a whole walk
 * of pages is listed exactly once. Thread-safe.
 */
public final class RoomRegistry {
  private final ConcurrentSkipListMap<String, Room> rooms = new ConcurrentSkipListMap<>();
  private final RoomContext context;
  private final Supplier<EventLoop> loops;
  private final RoomCreations creations;
  /** The size of {@link #rooms}, which a skip list does not keep; changed under this registry's lock. */
  private volatile int count;

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
    this.context = context;
    this.loops = loops;
    this.creations = creations;
  }

  /** The room called {@code name} (any case), or {@code null}. */
  public Room get(String name) {
    return rooms.get(Names.key(name));
  }

  /** Rooms that exist now, members or not. */
  public int size() {
    return count;
  }

  /** Joins {@code session} to {@code name}, creating the room if needed. */
  public void join(Member session, String name, Long since, String id) {
    join(session, name, since, null, id);
  }

  /**
   * Joins {@code session} to {@code name}, creating the room if needed; {@code since} counts in the
   * room's epoch {@code sinceEpoch} (null: unknown, a v1 client).
   */
  public void join(Member session, String name, Long since, String sinceEpoch, String id) {
    Room room;
    try {
      room = acquire(name, session);
    } catch (LimitReached e) {
      answer(session, () -> {
        session.joinAnswered(Names.key(name), false);
        session.send(e.error(id, "join"));
      });
      return;
    }
    session.submit(room.loop(), () -> room.join(session, since, sinceEpoch, id));
  }

  /** A join that reached a room just removed: goes to the room now under that name (room loop). */
  void rejoin(Member session, String name, Long since, String sinceEpoch, String id) {
    try {
      Room room = acquire(name, null);
      room.execute(() -> room.join(session, since, sinceEpoch, id));
    } catch (LimitReached e) {
      session.joinAnswered(Names.key(name), false);
      session.send(e.error(id, "join"));
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

  /** {@code session} leaves {@code name}: answered with {@code left}; others see presence. */
  public void leave(Member session, String name, String id) {
    withMembership(session, name, "leave", id, room -> room.remove(session, ServerMessage.Presence.LEAVE, id));
  }

  /** {@code session}'s connection ended: the room's others see {@code presence{quit}}. */
  public void quit(Member session, String name) {
    Room room = get(name);
    if (room != null) {
      session.submit(room.loop(), () -> room.remove(session, ServerMessage.Presence.QUIT, null));
    }
  }

  /** {@code session} says {@code text} in {@code name}. */
  public void say(Member session, String name, String text, String id) {
    say(session, name, text, id, null);
  }

  /** {@code session} says {@code text} in {@code name}, with the retry token {@code txn} (null: none). */
  public void say(Member session, String name, String text, String id, String txn) {
    withMembership(session, name, "say", id, room -> room.say(session, text, id, txn));
  }

  /** Reads ({@code text == null}) or sets the topic. */
  public void topic(Member session, String name, String text, String id) {
    if (text == null) {
      withRoom(session, name, "topic", id, room -> room.sendTopic(session, id));
    } else {
      withMembership(session, name, "topic", id, room -> room.setTopic(session, text, id));
    }
  }

  /** Answers {@code who}: one page of members after {@code after}, at most {@code limit} (capped). */
  public void who(Member session, String name, String after, Integer limit, String id) {
    withRoom(session, name, "who", id, room -> room.sendMembers(session, after, pageSize(limit), id));
  }

  /** Answers {@code history}. */
  public void history(Member session, String name, Long before, Integer limit, String id) {
    history(session, name, before, limit, null, id);
  }

  /** Answers {@code history}, or {@code epoch_changed} when the room's epoch is not {@code epoch} (null: any). */
  public void history(Member session, String name, Long before, Integer limit, String epoch, String id) {
    withRoom(session, name, "history", id, room -> room.sendHistory(session, before, limit, epoch, id));
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

  /** A command any session may send about an existing room. */
  private void withRoom(Member session, String name, String command, String id, Consumer<Room> action) {
    forward(session, get(name), action,
        () -> new ServerMessage.Error(id, ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'").forCommand(command));
  }

  /** A command that needs membership: a room that does not exist has no members either. */
  private void withMembership(Member session, String name, String command, String id, Consumer<Room> action) {
    forward(session, get(name), action, () -> Room.notJoined(name, command, id));
  }

  private static void forward(Member session, Room room, Consumer<Room> action,
      Supplier<ServerMessage.Error> missing) {
    if (room == null) {
      answer(session, () -> session.send(missing.get()));
    } else {
      session.submit(room.loop(), () -> action.accept(room));
    }
  }

  /** Answers from here, after the answers to the session's earlier commands. */
  private static void answer(Member session, Runnable answer) {
    session.submit(session.loop(), answer);
  }

  /** The room called {@code name}, created if needed; {@code creator} null: not rate limited. */
  private Room acquire(String name, Member creator) {
    String key = Names.key(name);
    Room room = rooms.get(key);
    if (room != null) {
      return room;
    }
    synchronized (this) {
      room = rooms.get(key);
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
        room = new Room(name, MessageIds.randomToken(), loops.get(), context, this);
        rooms.put(key, room);
        count++;
      }
      return room;
    }
  }
}
