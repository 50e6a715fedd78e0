package io.netchat.bench;

import io.netchat.bench.scenario.BenchSettings;
import io.netchat.bench.scenario.Target;
import io.netchat.codec.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every scenario command takes. */
final class CommonOptions {
  @Option(names = "--target", defaultValue = "both",
      description = "comma-separated: netchat, netchat-irc, baseline, ngircd, or both = netchat,baseline"
          + " (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--protocol", defaultValue = "netchat",
      description = "netchat (the wire contract) or irc: netchat is then measured on an IRC listener"
          + " (target netchat-irc) (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--ngircd", defaultValue = "/usr/sbin/ngircd",
      description = "the ngIRCd binary of target ngircd (Debian package ngircd) (default: ${DEFAULT-VALUE})")
  Path ngircd;

  @Option(names = "--tls",
      description = "also measure netchat on a TLS listener (target netchat-tls), with its ratio to plaintext netchat")
  boolean tls;

  @Option(names = "--server-jar", defaultValue = "chat-server/target/netchat-server.jar",
      description = "netchat daemon jar (default: ${DEFAULT-VALUE})")
  Path serverJar;

  @Option(names = "--server-config",
      description = "netchat config file to use instead of the one the bench writes to lift the limits")
  Path serverConfig;

  /**
   * The collector, young generation and recycler options {@code bin/netchat-server} starts the
   * daemon with, so that both servers run as deployed ({@code LauncherOptionsTest} keeps them equal).
   */
  static final String LAUNCHER_GC_OPTIONS = "-XX:+UseParallelGC -Xmn32m -Dio.netty.recycler.ratio=1"
      + " -Dio.netty.recycler.maxCapacityPerThread=65536";

  @Option(names = "--server-jvm-opts",
      defaultValue = "-Xms512m -Xmx1g --enable-native-access=ALL-UNNAMED " + LAUNCHER_GC_OPTIONS,
      description = "JVM options of both servers (default: ${DEFAULT-VALUE})")
  String serverJvmOptions;

  @Option(names = "--server-cpu", defaultValue = "1", description = "core to pin servers to, -1 for none")
  int serverCpu;

  @Option(names = "--generator-cpu", defaultValue = "0", description = "core to pin the generator to, -1 for none")
  int generatorCpu;

  @Option(names = "--threads", defaultValue = "1", description = "generator event loops (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--framing", defaultValue = "length", description = "netchat framing (default: ${DEFAULT-VALUE})")
  String framing;

  @Option(names = "--codec", defaultValue = "json", description = "json or cbor (default: ${DEFAULT-VALUE})")
  String codec;

  @Option(names = "--transport", defaultValue = "auto", split = ",",
      description = "the servers' transport: auto, epoll, io_uring or nio; several (epoll,io_uring) are measured"
          + " in alternating --rounds (default: ${DEFAULT-VALUE})")
  List<String> transports;

  @Option(names = "--generator-transport", defaultValue = "auto",
      description = "the generator's transport: auto (epoll here), epoll, io_uring or nio (default: ${DEFAULT-VALUE})")
  String generatorTransport;

  @Option(names = "--out", defaultValue = "bench-results", description = "result directory (default: ${DEFAULT-VALUE})")
  Path resultDir;

  @Option(names = "--in-flight", defaultValue = "500", description = "connections opened at once (default: ${DEFAULT-VALUE})")
  int inFlight;

  @Option(names = "--per-source", defaultValue = "20000",
      description = "connections per 127.0.0.x source address (default: ${DEFAULT-VALUE})")
  int perSource;

  @Option(names = "--ready-timeout", defaultValue = "30", description = "seconds to wait for a server's ready line")
  int readyTimeoutSeconds;

  BenchSettings settings() {
    List<String> jvm = serverJvmOptions.isBlank() ? List.of() : Arrays.asList(serverJvmOptions.trim().split("\\s+"));
    transports.forEach(Transport::ofWireName);
    return new BenchSettings(targets(), "127.0.0.1", serverJar, ngircd, serverConfig, jvm, serverCpu, generatorCpu,
        threads, framing, codec, resultDir, inFlight, perSource, Duration.ofSeconds(readyTimeoutSeconds),
        transports.get(0), java.util.Map.of());
  }

  /** The generator's transport, resolved (fails naming the reason where it is unavailable). */
  Transport generatorTransport() {
    return Transport.ofWireName(generatorTransport).resolve();
  }

  /** The targets of {@code --target}, spoken to in {@code --protocol}, with netchat-tls after netchat for {@code --tls}. */
  List<Target> targets() {
    if (!protocol.equals("netchat") && !protocol.equals("irc")) {
      throw new IllegalArgumentException("--protocol must be netchat or irc: " + protocol);
    }
    List<Target> targets = new ArrayList<>();
    for (String name : target.split(",")) {
      List<Target> named = name.trim().equals("both") ? List.of(Target.NETCHAT, Target.BASELINE)
          : List.of(Target.byLabel(name.trim()));
      for (Target t : named) {
        targets.add(protocol.equals("irc") ? t.overIrc() : t);
      }
    }
    int netchat = targets.indexOf(Target.NETCHAT);
    if (tls && netchat >= 0) {
      targets.add(netchat + 1, Target.NETCHAT_TLS);
    }
    return targets.stream().distinct().toList();
  }
}
