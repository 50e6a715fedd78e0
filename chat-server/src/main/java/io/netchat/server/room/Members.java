package io.netchat.server.room;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Who is in a room: the members by case-insensitive nick, in the order of that key, which is the
 * order {@code who} pages walk. A member is a nick held by one session, or by several sessions of
 * one account (its devices, docs/PROTOCOL.md §18): each is a recipient, the nick is one member.
 * Each member's nick is the one the room knows: taken at join and changed only by
 * {@link #rename}, in the order of the member's commands, so a message the member sent before a
 * nick change still goes out under the old nick. Used from the room's loop only.
 */
final class Members {
  /** One member: its key in {@link #byKey}, its nick as the room shows it, and its sessions. */
  private static final class Seat {
    final String key;
    String nick;
    final List<Member> sessions = new ArrayList<>(1);

    Seat(String key, String nick) {
      this.key = key;
      this.nick = nick;
    }
  }

  /** What {@link #add} did. */
  enum Added {
    /** The session is the member's first: the room sees someone arrive. */
    FIRST,
    /** Another session of a member of the same account: a recipient more, no one new. */
    DEVICE,
    /** Refused: the session is in already, or another member holds the nick here. */
    REFUSED
  }

  /** What {@link #remove} did. */
  enum Removed {
    NOT_MEMBER,
    /** The member keeps other sessions: no one left. */
    DEVICE,
    /** The member's last session: the member left. */
    LAST
  }

  /** What {@link #rename} did, for what the room tells the others. */
  enum Renamed {
    /** Nothing changed. */
    NONE,
    /** The member changed its nick: a nick change. */
    MEMBER,
    /** One of the member's several sessions took a nick of its own: someone new joined under it. */
    SPLIT,
    /** The session's nick is another member's of the same account: its old nick left. */
    MERGED
  }

  private final NavigableMap<String, Seat> byKey = new TreeMap<>();
  private final Map<Member, Seat> seats = new IdentityHashMap<>();

  boolean contains(Member member) {
    return seats.containsKey(member);
  }

  /** Adds {@code member} under its nick; false when it is in already or another member holds that nick here. */
  boolean add(Member member) {
    return add(member, member.nick()) != Added.REFUSED;
  }

  /**
   * Adds {@code member} under {@code nick}: as a new member, or as one more session of the member
   * holding that nick when both are logged in to the same account.
   */
  Added add(Member member, String nick) {
    if (seats.containsKey(member)) {
      return Added.REFUSED;
    }
    String key = Names.key(nick);
    Seat seat = byKey.get(key);
    Added added = Added.DEVICE;
    if (seat == null) {
      seat = new Seat(key, nick);
      byKey.put(key, seat);
      added = Added.FIRST;
    } else if (!sameAccount(seat, member)) {
      return Added.REFUSED;
    }
    seat.sessions.add(member);
    seats.put(member, seat);
    return added;
  }

  boolean remove(Member member) {
    return leave(member) != Removed.NOT_MEMBER;
  }

  /** Removes {@code member}; says whether it was its member's last session. */
  Removed leave(Member member) {
    Seat seat = seats.remove(member);
    if (seat == null) {
      return Removed.NOT_MEMBER;
    }
    seat.sessions.remove(member);
    if (!seat.sessions.isEmpty()) {
      return Removed.DEVICE;
    }
    byKey.remove(seat.key, seat);
    return Removed.LAST;
  }

  /**
   * {@code resumed} takes {@code old}'s place, under its own nick (the same but for case); false
   * when {@code old} is not a member.
   */
  boolean replace(Member old, Member resumed) {
    if (!seats.containsKey(old)) {
      return false;
    }
    leave(resumed);
    Seat seat = seats.get(old);
    if (seat == null) {
      return add(resumed);
    }
    seats.remove(old);
    seat.sessions.set(seat.sessions.indexOf(old), resumed);
    seats.put(resumed, seat);
    if (seat.sessions.size() == 1 && resumed.nick() != null) {
      seat.nick = resumed.nick();
    }
    return true;
  }

  /** The nick the room knows {@code member} by, or null when it is not a member. */
  String nick(Member member) {
    Seat seat = seats.get(member);
    return seat == null ? null : seat.nick;
  }

  /**
   * {@code member} is now known as {@code nick}. The server's user registry keeps nicks unique, so
   * the new key is free unless a member who left that nick has not been renamed here yet (the
   * member then keeps its old place in the order, its nick showing the new one all the same), or
   * it is a member of the session's own account (the session joins it). A session of a member with
   * several takes a place of its own under the new nick.
   */
  Renamed rename(Member member, String nick) {
    Seat seat = seats.get(member);
    if (seat == null || seat.nick.equals(nick)) {
      return Renamed.NONE;
    }
    String key = Names.key(nick);
    Seat there = key.equals(seat.key) ? seat : byKey.get(key);
    if (there != null && there != seat && sameAccount(there, member)) {
      Removed left = leave(member);
      there.sessions.add(member);
      seats.put(member, there);
      return left == Removed.LAST ? Renamed.MERGED : Renamed.NONE;
    }
    if (seat.sessions.size() > 1) {
      if (there != null) {
        return Renamed.NONE; // the nick is another's here until that member's own rename arrives
      }
      leave(member);
      add(member, nick);
      return Renamed.SPLIT;
    }
    if (there != null) {
      seat.nick = nick;
      return Renamed.MEMBER;
    }
    byKey.remove(seat.key, seat);
    Seat moved = new Seat(key, nick);
    moved.sessions.add(member);
    byKey.put(key, moved);
    seats.put(member, moved);
    return Renamed.MEMBER;
  }

  /** Whether {@code member} would join a member already here under {@code nick} (its account's), not add one. */
  boolean isDeviceOf(Member member, String nick) {
    Seat seat = byKey.get(Names.key(nick));
    return seat != null && sameAccount(seat, member);
  }

  private static boolean sameAccount(Seat seat, Member member) {
    String account = member.account();
    return account != null && account.equals(seat.sessions.get(0).account());
  }

  /** The member known here as {@code nick} (any case) — its first session — or null. */
  Member find(String nick) {
    Seat seat = byKey.get(Names.key(nick));
    return seat == null ? null : seat.sessions.get(0);
  }

  /** Every session of the member {@code member} is one of (its devices), or none when it is not a member. */
  List<Member> sessionsOf(Member member) {
    Seat seat = seats.get(member);
    return seat == null ? List.of() : List.copyOf(seat.sessions);
  }

  /** Whether some member, known here by its nick, matches {@code test} (given its first session). */
  boolean any(java.util.function.BiPredicate<Member, String> test) {
    for (Seat seat : byKey.values()) {
      if (test.test(seat.sessions.get(0), seat.nick)) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return byKey.size();
  }

  /**
   * The accounts of the members listed as {@code nicks} (a page of {@link #page}), nick to account
   * in the page's order, guests left out (docs/PROTOCOL.md §12.9); costs the page.
   */
  java.util.Map<String, String> accounts(List<String> nicks) {
    java.util.Map<String, String> accounts = null;
    for (String nick : nicks) {
      Seat seat = byKey.get(Names.key(nick));
      String account = seat == null ? null : seat.sessions.get(0).account();
      if (account != null) {
        if (accounts == null) {
          accounts = new java.util.LinkedHashMap<>();
        }
        accounts.put(nick, account);
      }
    }
    return accounts;
  }

  /**
   * The nicks of up to {@code limit} members whose key follows {@code after} ({@code null}: from the
   * first); costs the page, not the room. Any {@code after} positions in the order, member or not.
   */
  Page<String> page(String after, int limit) {
    NavigableMap<String, Seat> tail = after == null ? byKey : byKey.tailMap(after, false);
    List<String> page = new ArrayList<>(Math.min(limit, tail.size()));
    Iterator<Seat> it = tail.values().iterator();
    while (page.size() < limit && it.hasNext()) {
      page.add(it.next().nick);
    }
    return new Page<>(page, it.hasNext());
  }
}
