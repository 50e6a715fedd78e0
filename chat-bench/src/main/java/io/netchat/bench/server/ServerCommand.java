package io.netchat.bench.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start one server under test as its own process.
 *
 * @param name short name used in reports ("netchat", "baseline")
 * @param argv the command line
 * @param address where it will listen
 */
public record ServerCommand(String name, List<String> argv, InetSocketAddress address) {

  public ServerCommand {
    argv = List.copyOf(argv);
  }

  /** The java binary of this JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The netchat daemon: {@code java OPTS -jar JAR --host H --port P [--config FILE]}, pinned to
   * {@code cpu} when possible.
   */
  public static ServerCommand netchat(Path jar, InetSocketAddress address, Path config,
      List<String> jvmOptions, CpuPinning pinning, int cpu) {
    List<String> argv = new ArrayList<>(pinning.prefix(cpu));
    argv.add(java());
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-jar", jar.toString(), "--host", address.getHostString(),
        "--port", Integer.toString(address.getPort())));
    if (config != null) {
      argv.addAll(List.of("--config", config.toString()));
    }
    return new ServerCommand("netchat", argv, address);
  }

  /** The baseline fan-out server from this tool's own class path, pinned like netchat. */
  public static ServerCommand baseline(InetSocketAddress address, List<String> jvmOptions,
      CpuPinning pinning, int cpu) {
    List<String> argv = new ArrayList<>(pinning.prefix(cpu));
    argv.add(java());
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.netchat.bench.BenchMain",
        "baseline-server", "--host", address.getHostString(), "--port", Integer.toString(address.getPort())));
    return new ServerCommand("baseline", argv, address);
  }
}
