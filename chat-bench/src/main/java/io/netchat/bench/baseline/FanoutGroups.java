package io.netchat.bench.baseline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections grouped by the bytes of their first frame: the baseline's only state, standing in
 * for rooms without any rooms logic. Confined to the server's single event loop.
 */
final class FanoutGroups {
  private final Map<ByteBuffer, List<FanoutHandler>> groups = new HashMap<>();

  /** Adds {@code member} to the group named by {@code key} and returns that group. */
  List<FanoutHandler> join(byte[] key, FanoutHandler member) {
    List<FanoutHandler> group = groups.computeIfAbsent(ByteBuffer.wrap(key), k -> new ArrayList<>());
    group.add(member);
    return group;
  }

  /** Removes {@code member} from the group named by {@code key}, dropping the group when empty. */
  void leave(byte[] key, FanoutHandler member) {
    ByteBuffer name = ByteBuffer.wrap(key);
    List<FanoutHandler> group = groups.get(name);
    if (group != null) {
      group.remove(member);
      if (group.isEmpty()) {
        groups.remove(name);
      }
    }
  }

  /** Number of groups. */
  int size() {
    return groups.size();
  }
}
