package io.netchat.bench.report;

import java.util.Map;

/**
 * The idle scenario against one server.
 *
 * @param target "netchat" or "baseline"
 * @param serverStartMillis process launch to its "ready" line
 * @param connections connections asked for
 * @param connected connections that completed connect, hello and join
 * @param connectJoinMillis from the first connect to the last completed join
 * @param handshakeP50Ms median time of one connection's connect, hello and join
 * @param handshakeP99Ms 99th percentile of that time
 * @param liveHeapBefore server live heap after a full GC, before connecting (bytes), or null
 * @param liveHeapAfter the same with every connection idle, or null
 * @param liveHeapPerConnection (after − before) / connected, in bytes, or null
 * @param rssBefore server resident memory before connecting (bytes), or null
 * @param rssAfter the same with every connection idle, or null
 * @param rssPerConnection (after − before) / connected, in bytes, or null
 * @param serverCpuSeconds server CPU spent while connecting
 * @param errors errors and unexpected closes
 * @param errorKinds those errors by kind
 */
public record IdleRun(String target, double serverStartMillis, int connections, int connected,
    double connectJoinMillis, double handshakeP50Ms, double handshakeP99Ms, Long liveHeapBefore,
    Long liveHeapAfter, Long liveHeapPerConnection, Long rssBefore, Long rssAfter, Long rssPerConnection,
    double serverCpuSeconds, long errors, Map<String, Long> errorKinds) implements TargetRun {

  public IdleRun {
    errorKinds = Map.copyOf(errorKinds);
  }
}
