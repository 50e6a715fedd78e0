package io.netchat.bench.scenario;

import io.netchat.bench.load.ConnectionPlan;
import io.netchat.bench.load.SourceAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is where: connection {@code i} is nick {@code b<i>} in room {@code r<i / members>}, and the
 * publishers are spread round-robin over the rooms.
 */
public final class FanoutLayout {
  private FanoutLayout() {}

  /** {@code connections} connections filling rooms of {@code roomSize} in order, spread over source addresses. */
  public static List<ConnectionPlan> plans(int connections, int roomSize, int perSourceAddress) {
    return plans(connections, roomSize, perSourceAddress, "b", "r");
  }

  /** As {@link #plans(int, int, int)}, nicks and rooms named with other prefixes. */
  static List<ConnectionPlan> plans(int connections, int roomSize, int perSourceAddress, String nickPrefix,
      String roomPrefix) {
    List<InetAddress> sources = SourceAddresses.assign(connections, perSourceAddress);
    List<ConnectionPlan> plans = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      plans.add(new ConnectionPlan(i, nickPrefix + i, roomPrefix + i / roomSize, sources.get(i)));
    }
    return plans;
  }

  /** The connection index of each publisher: publisher j is member j / rooms of room j % rooms. */
  public static int[] publisherIndexes(int rooms, int members, int publishers) {
    if (publishers > rooms * members) {
      throw new IllegalArgumentException("more publishers than connections");
    }
    int[] indexes = new int[publishers];
    for (int j = 0; j < publishers; j++) {
      indexes[j] = (j % rooms) * members + j / rooms;
    }
    return indexes;
  }
}
