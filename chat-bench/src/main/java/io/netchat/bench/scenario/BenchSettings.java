package io.netchat.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings shared by every scenario.
 *
 * @param targets servers to measure, in order
 * @param host loopback address the servers listen on
 * @param serverJar the netchat daemon's jar
 * @param ngircd the ngIRCd binary, for the {@code ngircd} target
 * @param serverConfig a netchat config file to use instead of the generated one, or null
 * @param serverJvmOptions JVM options of both server processes
 * @param serverCpu core the servers are pinned to (-1: no pinning)
 * @param generatorCpu core the generator is pinned to (-1: no pinning)
 * @param threads event loops of the generator
 * @param framing framing name (netchat listener and generator)
 * @param codec codec name (netchat listener and generator)
 * @param resultDir where JSON results and server logs go
 * @param inFlight most connections being opened at once
 * @param perSourceAddress most connections per loopback source address
 * @param readyTimeout longest wait for a server's "ready" line
 */
public record BenchSettings(List<Target> targets, String host, Path serverJar, Path ngircd, Path serverConfig,
    List<String> serverJvmOptions, int serverCpu, int generatorCpu, int threads, String framing, String codec,
    Path resultDir, int inFlight, int perSourceAddress, Duration readyTimeout) {

  public BenchSettings {
    targets = List.copyOf(targets);
    serverJvmOptions = List.copyOf(serverJvmOptions);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to measure");
    }
    if (threads < 1 || inFlight < 1 || perSourceAddress < 1) {
      throw new IllegalArgumentException("threads, in-flight and per-source must be positive");
    }
  }

  /** The same settings for other targets. */
  public BenchSettings withTargets(List<Target> others) {
    return new BenchSettings(others, host, serverJar, ngircd, serverConfig, serverJvmOptions, serverCpu, generatorCpu,
        threads, framing, codec, resultDir, inFlight, perSourceAddress, readyTimeout);
  }

  /** The settings as report parameters. */
  public Map<String, Object> describe() {
    return Map.of("targets", targets.stream().map(Target::label).toList(), "framing", framing, "codec", codec,
        "generatorThreads", threads, "serverCpu", serverCpu, "generatorCpu", generatorCpu,
        "serverJvmOptions", serverJvmOptions, "ngircd", ngircd.toString(),
        "serverConfig", serverConfig == null ? "generated" : serverConfig.toString());
  }
}
