package io.netchat.bench.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An idle load: {@code connections} that log in and join rooms of {@code roomSize}, then sit for
 * {@code settle} before the server's memory is measured. With {@code warmRamp} above 0, that many
 * connections first log in, join rooms of their own and leave, so that the measured ramp meets a
 * server whose JIT has compiled the login path (its memory figures then start from a server that
 * has served them).
 */
public record IdleSpec(int connections, int roomSize, Duration settle, int warmRamp) {

  public IdleSpec {
    if (connections < 1 || connections > FanoutSpec.MAX_CONNECTIONS) {
      throw new IllegalArgumentException("connections must be in 1.." + FanoutSpec.MAX_CONNECTIONS + ": " + connections);
    }
    if (roomSize < 1) {
      throw new IllegalArgumentException("room size must be positive: " + roomSize);
    }
    PhaseBounds.checkBounded("settle", settle);
    if (warmRamp < 0 || warmRamp > FanoutSpec.MAX_CONNECTIONS) {
      throw new IllegalArgumentException("warm ramp must be in 0.." + FanoutSpec.MAX_CONNECTIONS + ": " + warmRamp);
    }
  }

  /** A load measured on a server fresh from its start. */
  public IdleSpec(int connections, int roomSize, Duration settle) {
    this(connections, roomSize, settle, 0);
  }

  /** Rooms the connections fill. */
  public int rooms() {
    return (connections + roomSize - 1) / roomSize;
  }

  /** The parameters as report entries. */
  public Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("connections", connections);
    map.put("roomSize", roomSize);
    map.put("settleSeconds", settle.toMillis() / 1000.0);
    map.put("warmRamp", warmRamp);
    return map;
  }
}
