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
 * order {@code who} pages walk. Each member's nick is the one the room knows: taken at join and
 * changed only by {@link #rename}, in the order of the member's commands, so a message the member
 * sent before a nick change still goes out under the old nick. Used from the room's loop only.
 */
final class Members {
  /** A member's place: its key in {@link #byKey} and its nick as the room shows it. */
  private record Entry(String key, String nick) {}

  private final NavigableMap<String, Member> byKey = new TreeMap<>();
  private final Map<Member, Entry> entries = new IdentityHashMap<>();

  boolean contains(Member member) {
    return entries.containsKey(member);
  }

  /** Adds {@code member} under its nick; false when it is in already or another member holds that nick here. */
  boolean add(Member member) {
    return add(member, member.nick());
  }

  /** Adds {@code member} under {@code nick}; false when it is in already or another member holds that nick here. */
  boolean add(Member member, String nick) {
    String key = Names.key(nick);
    if (entries.containsKey(member) || byKey.putIfAbsent(key, member) != null) {
      return false;
    }
    entries.put(member, new Entry(key, nick));
    return true;
  }

  boolean remove(Member member) {
    Entry entry = entries.remove(member);
    if (entry == null) {
      return false;
    }
    byKey.remove(entry.key(), member);
    return true;
  }

  /**
   * {@code resumed} takes {@code old}'s place, under its own nick (the same but for case); false
   * when {@code old} is not a member.
   */
  boolean replace(Member old, Member resumed) {
    if (!remove(old)) {
      return false;
    }
    remove(resumed);
    return add(resumed);
  }

  /** The nick the room knows {@code member} by, or null when it is not a member. */
  String nick(Member member) {
    Entry entry = entries.get(member);
    return entry == null ? null : entry.nick();
  }

  /**
   * {@code member} is now known as {@code nick}. The server's user registry keeps nicks unique, so
   * the new key is free unless a member who left that nick has not been renamed here yet; the
   * member then keeps its old place in the order (its nick shows the new one all the same).
   */
  void rename(Member member, String nick) {
    Entry entry = entries.get(member);
    String key = Names.key(nick);
    if (key.equals(entry.key()) || byKey.putIfAbsent(key, member) != null) {
      entries.put(member, new Entry(entry.key(), nick));
      return;
    }
    byKey.remove(entry.key(), member);
    entries.put(member, new Entry(key, nick));
  }

  /** The member known here as {@code nick} (any case), or null. */
  Member find(String nick) {
    return byKey.get(Names.key(nick));
  }

  /** Whether some member, known here by its nick, matches {@code test}. */
  boolean any(java.util.function.BiPredicate<Member, String> test) {
    for (Map.Entry<Member, Entry> e : entries.entrySet()) {
      if (test.test(e.getKey(), e.getValue().nick())) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return byKey.size();
  }

  /**
   * The nicks of up to {@code limit} members whose key follows {@code after} ({@code null}: from the
   * first); costs the page, not the room. Any {@code after} positions in the order, member or not.
   */
  Page<String> page(String after, int limit) {
    NavigableMap<String, Member> tail = after == null ? byKey : byKey.tailMap(after, false);
    List<String> page = new ArrayList<>(Math.min(limit, tail.size()));
    Iterator<Member> it = tail.values().iterator();
    while (page.size() < limit && it.hasNext()) {
      page.add(entries.get(it.next()).nick());
    }
    return new Page<>(page, it.hasNext());
  }
}
