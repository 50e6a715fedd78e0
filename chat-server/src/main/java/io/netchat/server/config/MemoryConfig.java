package io.netchat.server.config;

import java.time.Duration;

/**
 * The global memory budgets, each over all connections and rooms together, and the deadline
 * that bounds how long a connection may hold an incomplete frame. A budget of {@value #DERIVED}
 * is derived at start-up from the memory the JVM really has; start-up also checks that the
 * budgets and the per-connection limits fit that memory (see {@code MemoryPlan}).
 *
 * @param inboundBytes bytes of incomplete inbound frames held by all connections (direct memory)
 * @param outboundBytes bytes of queued outbound data over all connections (direct memory)
 * @param historyBytes bytes of room history over all rooms (heap)
 * @param frameTimeout time a frame may stay incomplete once its first byte arrived
 */
public record MemoryConfig(long inboundBytes, long outboundBytes, long historyBytes, Duration frameTimeout) {
  /** A budget of 0 means: derive it from the JVM's heap and direct memory at start-up. */
  public static final long DERIVED = 0;
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(15);

  /** Checks every budget is 0 (derived) or more, and the deadline positive. */
  public MemoryConfig {
    Check.atLeast("inbound_bytes", inboundBytes, DERIVED);
    Check.atLeast("outbound_bytes", outboundBytes, DERIVED);
    Check.atLeast("history_bytes", historyBytes, DERIVED);
    Check.positive("frame_timeout", frameTimeout);
  }

  public static MemoryConfig defaults() {
    return new MemoryConfig(DERIVED, DERIVED, DERIVED, DEFAULT_FRAME_TIMEOUT);
  }
}
