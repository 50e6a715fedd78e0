package io.netchat.server.room;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Who is in a room: the members by case-insensitive nick, in the order of that key, which is the
 * order {@code who} pages walk. Used from the room's loop only.
 */
final class Members {
  private final NavigableMap<String, Member> byNick = new TreeMap<>();

  boolean contains(Member member) {
    return byNick.get(key(member)) == member;
  }

  boolean add(Member member) {
    return byNick.putIfAbsent(key(member), member) == null;
  }

  boolean remove(Member member) {
    return byNick.remove(key(member), member);
  }

  int size() {
    return byNick.size();
  }

  /**
   * Up to {@code limit} members whose key follows {@code after} ({@code null}: from the first);
   * costs the page, not the room. Any {@code after} positions in the order, member or not.
   */
  Page<Member> page(String after, int limit) {
    NavigableMap<String, Member> tail = after == null ? byNick : byNick.tailMap(after, false);
    List<Member> page = new ArrayList<>(Math.min(limit, tail.size()));
    Iterator<Member> it = tail.values().iterator();
    while (page.size() < limit && it.hasNext()) {
      page.add(it.next());
    }
    return new Page<>(page, it.hasNext());
  }

  static String key(Member member) {
    return Names.key(member.nick());
  }
}
