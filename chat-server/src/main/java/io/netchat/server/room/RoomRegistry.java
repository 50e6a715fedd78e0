package io.netchat.server.room;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netty.channel.EventLoop;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rooms by case-insensitive name, and the entry point for every room command: it finds the
 * room and hands the command to it on the room's loop (through {@link Member#submit}, which keeps
 * each session's answers in order). A command for a room that does not exist is answered here:
 * {@code not_joined} where membership is needed, else {@code no_such_room}. A room is created on
 * first join (bounded by {@code max_rooms}), pinned to an event loop chosen round-robin, and
 * removed once it has been empty for the configured retention. Thread-safe.
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
  public void join(Member session, String name, Long since, String id) {
    Room room;
    try {
      room = acquire(name);
    } catch (LimitReached e) {
      answer(session, () -> {
        session.joinAnswered(Names.key(name), false);
        session.send(new ServerMessage.Error(id, ErrorCode.LIMIT_REACHED, e.getMessage()));
      });
      return;
    }
    session.submit(room.loop(), () -> room.join(session, since, id));
  }

  /** A join that reached a room just removed: goes to the room now under that name (room loop). */
  void rejoin(Member session, String name, Long since, String id) {
    try {
      Room room = acquire(name);
      room.execute(() -> room.join(session, since, id));
    } catch (LimitReached e) {
      session.joinAnswered(Names.key(name), false);
      session.send(new ServerMessage.Error(id, ErrorCode.LIMIT_REACHED, e.getMessage()));
    }
  }

  /** {@code session} leaves {@code name}: answered with {@code left}; others see presence. */
  public void leave(Member session, String name, String id) {
    withMembership(session, name, id, room -> room.remove(session, ServerMessage.Presence.LEAVE, id));
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
    withMembership(session, name, id, room -> room.say(session, text, id));
  }

  /** Reads ({@code text == null}) or sets the topic. */
  public void topic(Member session, String name, String text, String id) {
    if (text == null) {
      withRoom(session, name, id, room -> room.sendTopic(session, id));
    } else {
      withMembership(session, name, id, room -> room.setTopic(session, text, id));
    }
  }

  /** Answers {@code who}. */
  public void who(Member session, String name, String id) {
    withRoom(session, name, id, room -> room.sendMembers(session, id));
  }

  /** Answers {@code history}. */
  public void history(Member session, String name, Long before, Integer limit, String id) {
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

  /** A command any session may send about an existing room. */
  private void withRoom(Member session, String name, String id, Consumer<Room> action) {
    forward(session, get(name), action,
        () -> new ServerMessage.Error(id, ErrorCode.NO_SUCH_ROOM, "no room '" + name + "'"));
  }

  /** A command that needs membership: a room that does not exist has no members either. */
  private void withMembership(Member session, String name, String id, Consumer<Room> action) {
    forward(session, get(name), action, () -> Room.notJoined(name, id));
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
