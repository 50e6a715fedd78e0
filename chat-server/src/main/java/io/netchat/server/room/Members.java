package io.netchat.server.room;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's members, in join order, also grouped by event loop so that a broadcast sends one task
 * per loop rather than one per member. The groups are immutable snapshots, rebuilt on every join
 * and leave, so a broadcast task running on another loop sees a stable list. Used from the room's
 * loop only.
 */
final class Members {
  /** The members served by one event loop. */
  record LoopGroup(EventLoop loop, Member[] sessions) {}

  private static final LoopGroup[] NONE = new LoopGroup[0];

  private final Map<String, Member> byNick = new LinkedHashMap<>();
  private LoopGroup[] groups = NONE;
  private int[] perFormat = new int[0];

  boolean contains(Member session) {
    return byNick.get(key(session)) == session;
  }

  boolean add(Member session) {
    if (byNick.putIfAbsent(key(session), session) != null) {
      return false;
    }
    count(session.formatIndex(), 1);
    regroup();
    return true;
  }

  boolean remove(Member session) {
    if (!byNick.remove(key(session), session)) {
      return false;
    }
    count(session.formatIndex(), -1);
    regroup();
    return true;
  }

  int size() {
    return byNick.size();
  }

  List<String> nicks() {
    List<String> nicks = new ArrayList<>(byNick.size());
    for (Member session : byNick.values()) {
      nicks.add(session.nick());
    }
    return nicks;
  }

  LoopGroup[] groups() {
    return groups;
  }

  /** Members using the listener format {@code index}. */
  int countWithFormat(int index) {
    return index < perFormat.length ? perFormat[index] : 0;
  }

  int formatCount() {
    return perFormat.length;
  }

  private void count(int formatIndex, int delta) {
    if (formatIndex >= perFormat.length) {
      perFormat = Arrays.copyOf(perFormat, formatIndex + 1);
    }
    perFormat[formatIndex] += delta;
  }

  private void regroup() {
    Map<EventLoop, List<Member>> byLoop = new LinkedHashMap<>();
    for (Member session : byNick.values()) {
      byLoop.computeIfAbsent(session.loop(), loop -> new ArrayList<>()).add(session);
    }
    LoopGroup[] rebuilt = new LoopGroup[byLoop.size()];
    int i = 0;
    for (Map.Entry<EventLoop, List<Member>> entry : byLoop.entrySet()) {
      rebuilt[i++] = new LoopGroup(entry.getKey(), entry.getValue().toArray(new Member[0]));
    }
    groups = rebuilt;
  }

  private static String key(Member session) {
    return Names.key(session.nick());
  }
}
