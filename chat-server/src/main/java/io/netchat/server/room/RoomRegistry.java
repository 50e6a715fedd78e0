package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.Session;
import io.netty.channel.EventLoop;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rooms by case-insensitive name, and the entry point for every room command. A room is
 * created on first join (bounded by {@code max_rooms}), pinned to an event loop chosen
 * round-robin, and removed once it has been empty for the configured retention. Thread-safe.
 */
public final class RoomRegistry {
  private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final RoomContext context;
  private final Supplier<EventLoop> loops;

  /**
   * @param context what rooms need from the server
   * @param loops picks the event loop a new room lives on
   */
  public RoomRegistry(RoomContext context, Supplier<EventLoop> loops) {
    this.context = context;
    this.loops = loops;
  }

  /** The room called {@code name} (any case), or {@code null}. */
  public Room get(String name) {
    return rooms.get(Names.key(name));
  }

  /** Rooms that exist now, members or not. */
  public int size() {
    return rooms.size();
  }

  /** Joins {@code session} to {@code name}, creating the room if needed. */
  public void join(Session session, String name, Long since, String id) {
    Room room;
    try {
      room = acquire(name);
    } catch (LimitReached e) {
      session.forgetRoom(Names.key(name));
      session.send(new ServerMessage.Error(id, ErrorCode.LIMIT_REACHED, e.getMessage()));
      return;
    }
    room.execute(() -> room.join(session, since, id));
  }

  /** {@code session} leaves {@code name}: answered with {@code left}; others see presence. */
  public void leave(Session session, String name, String id) {
    withRoom(session, name, id, room -> room.remove(session, ServerMessage.Presence.LEAVE, id));
  }

  /** {@code session}'s connection ended: the room's others see {@code presence{quit}}. */
  public void quit(Session session, String name) {
    Room room = get(name);
    if (room != null) {
      room.execute(() -> room.remove(session, ServerMessage.Presence.QUIT, null));
    }
  }

  /** {@code session} says {@code text} in {@code name}. */
  public void say(Session session, String name, String text, String id) {
    withRoom(session, name, id, room -> room.say(session, text, id));
  }

  /** Reads ({@code text == null}) or sets the topic. */
  public void topic(Session session, String name, String text, String id) {
    withRoom(session, name, id, room -> {
      if (text == null) {
        room.sendTopic(session, id);
      } else {
        room.setTopic(session, text, id);
      }
    });
  }

  /** Answers {@code who}. */
  public void who(Session session, String name, String id) {
    withRoom(session, name, id, room -> room.sendMembers(session, id));
  }

  /** Answers {@code history}. */
  public void history(Session session, String name, Long before, Integer limit, String id) {
    withRoom(session, name, id, room -> room.sendHistory(session, before, limit, id));
  }

  /** The rooms with members, most members first. */
  public List<ServerMessage.RoomInfo> list() {
    return rooms.values().stream()
        .filter(room -> room.memberCount() > 0)
        .sorted(Comparator.comparingInt(Room::memberCount).reversed().thenComparing(Room::key))
        .map(room -> new ServerMessage.RoomInfo(room.name(), room.memberCount(), room.topic()))
        .toList();
  }

  /** Stops every room's timers (server shutdown). */
  public void disposeAll() {
    rooms.values().forEach(room -> room.execute(room::dispose));
  }

  void remove(Room room) {
    rooms.remove(room.key(), room);
  }

  private void withRoom(Session session, String name, String id, Consumer<Room> action) {
    Room room = get(name);
    if (room == null) {
      session.send(new ServerMessage.Error(id, ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'"));
      return;
    }
    room.execute(() -> action.accept(room));
  }

  private Room acquire(String name) throws LimitReached {
    String key = Names.key(name);
    Room room = rooms.get(key);
    if (room != null) {
      return room;
    }
    synchronized (this) {
      room = rooms.get(key);
      if (room == null) {
        if (rooms.size() >= context.limits().maxRooms()) {
          throw new LimitReached("the server has its maximum of " + context.limits().maxRooms() + " rooms");
        }
        room = new Room(name, loops.get(), context, this);
        rooms.put(key, room);
      }
      return room;
    }
  }

  private static final class LimitReached extends Exception {
    private static final long serialVersionUID = 1L;

    LimitReached(String message) {
      super(message, null, false, false);
    }
  }
}
