package io.netchat.server.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in a room: the members by case-insensitive nick, in join order. Used from the room's
 * loop only.
 */
final class Members {
  private final Map<String, Member> byNick = new LinkedHashMap<>();

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

  List<String> nicks() {
    List<String> nicks = new ArrayList<>(byNick.size());
    for (Member member : byNick.values()) {
      nicks.add(member.nick());
    }
    return nicks;
  }

  private static String key(Member member) {
    return Names.key(member.nick());
  }
}
