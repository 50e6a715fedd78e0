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
 * @param serverTransport the servers' transport by its config name ({@code auto}, {@code epoll},
 *     {@code io_uring}, {@code nio}): netchat's {@code transport} key, the baseline's {@code --transport}
 * @param configSections top-level sections of the generated netchat config, as flow-style YAML by key,
 *     that replace or add to the bench's own (e.g. {@code store}, {@code admin})
 */
public record BenchSettings(List<Target> targets, String host, Path serverJar, Path ngircd, Path serverConfig,
    List<String> serverJvmOptions, int serverCpu, int generatorCpu, int threads, String framing, String codec,
    Path resultDir, int inFlight, int perSourceAddress, Duration readyTimeout, String serverTransport,
    Map<String, String> configSections) {

  public BenchSettings {
    targets = List.copyOf(targets);
    serverJvmOptions = List.copyOf(serverJvmOptions);
    configSections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configSections));
    io.netchat.codec.Transport.ofWireName(serverTransport);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to measure");
    }
    if (threads < 1 || inFlight < 1 || perSourceAddress < 1) {
      throw new IllegalArgumentException("threads, in-flight and per-source must be positive");
    }
  }

  /** These settings measuring {@code newTargets}. */
  public BenchSettings withTargets(List<Target> newTargets) {
    return new BenchSettings(newTargets, host, serverJar, ngircd, serverConfig, serverJvmOptions, serverCpu,
        generatorCpu, threads, framing, codec, resultDir, inFlight, perSourceAddress, readyTimeout, serverTransport,
        configSections);
  }

  /** These settings with the servers on {@code transport}. */
  public BenchSettings withServerTransport(String transport) {
    return new BenchSettings(targets, host, serverJar, ngircd, serverConfig, serverJvmOptions, serverCpu,
        generatorCpu, threads, framing, codec, resultDir, inFlight, perSourceAddress, readyTimeout, transport,
        configSections);
  }

  /** These settings with netchat's listener on {@code newFraming}/{@code newCodec}. */
  public BenchSettings withWireFormat(String newFraming, String newCodec) {
    return new BenchSettings(targets, host, serverJar, ngircd, serverConfig, serverJvmOptions, serverCpu,
        generatorCpu, threads, newFraming, newCodec, resultDir, inFlight, perSourceAddress, readyTimeout,
        serverTransport, configSections);
  }

  /** These settings with the generated config's top-level {@code key} set to {@code flowYaml}. */
  public BenchSettings withConfigSection(String key, String flowYaml) {
    Map<String, String> sections = new java.util.LinkedHashMap<>(configSections);
    sections.put(key, flowYaml);
    return new BenchSettings(targets, host, serverJar, ngircd, serverConfig, serverJvmOptions, serverCpu,
        generatorCpu, threads, framing, codec, resultDir, inFlight, perSourceAddress, readyTimeout, serverTransport,
        sections);
  }

  /** The settings as report parameters. */
  public Map<String, Object> describe() {
    Map<String, Object> map = new java.util.LinkedHashMap<>(describeBase());
    map.put("serverTransport", serverTransport);
    if (!configSections.isEmpty()) {
      map.put("configSections", configSections);
    }
    return map;
  }

  private Map<String, Object> describeBase() {
    return Map.of("targets", targets.stream().map(Target::label).toList(), "framing", framing, "codec", codec,
        "generatorThreads", threads, "serverCpu", serverCpu, "generatorCpu", generatorCpu,
        "serverJvmOptions", serverJvmOptions, "ngircd", ngircd.toString(),
        "serverConfig", serverConfig == null ? "generated" : serverConfig.toString());
  }
}
