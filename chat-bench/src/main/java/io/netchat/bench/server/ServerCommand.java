package io.netchat.bench.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start one server under test as its own process.
 *
 * @param name short name used in reports ("netchat", "baseline", "ngircd")
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
    argv.addAll(classDataSharing(jar));
    argv.addAll(List.of("-jar", jar.toString(), "--host", address.getHostString(),
        "--port", Integer.toString(address.getPort())));
    if (config != null) {
      argv.addAll(List.of("--config", config.toString()));
    }
    return new ServerCommand("netchat", argv, address);
  }

  /**
   * The class-data sharing options {@code bin/netchat-server} uses, so that start-up is measured
   * as deployed: map the archive beside the jar when it is current, else record it at exit.
   */
  static List<String> classDataSharing(Path jar) {
    Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    List<String> options = new ArrayList<>();
    try {
      if (java.nio.file.Files.isRegularFile(archive) && java.nio.file.Files.getLastModifiedTime(archive)
          .compareTo(java.nio.file.Files.getLastModifiedTime(jar)) > 0) {
        options.add("-XX:SharedArchiveFile=" + archive);
      } else {
        java.nio.file.Files.deleteIfExists(archive);
        options.add("-XX:ArchiveClassesAtExit=" + archive);
      }
    } catch (java.io.IOException e) {
      return List.of();
    }
    options.addAll(quiet);
    return options;
  }

  /** The baseline fan-out server from this tool's own class path, pinned like netchat. */
  public static ServerCommand baseline(InetSocketAddress address, List<String> jvmOptions,
      CpuPinning pinning, int cpu) {
    return baseline(address, jvmOptions, pinning, cpu, "auto");
  }

  /** As above, on {@code transport} (a config name: auto, epoll, io_uring, nio). */
  public static ServerCommand baseline(InetSocketAddress address, List<String> jvmOptions,
      CpuPinning pinning, int cpu, String transport) {
    List<String> argv = new ArrayList<>(pinning.prefix(cpu));
    argv.add(java());
    argv.addAll(jvmOptions);
    argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.netchat.bench.BenchMain",
        "baseline-server", "--host", address.getHostString(), "--port", Integer.toString(address.getPort()),
        "--transport", transport));
    return new ServerCommand("baseline", argv, address);
  }

  /**
   * ngIRCd in the foreground ({@code -n}) with {@code config} (which names {@code address}), pinned
   * to {@code cpu} like netchat.
   */
  public static ServerCommand ngircd(Path binary, InetSocketAddress address, Path config, CpuPinning pinning,
      int cpu) {
    List<String> argv = new ArrayList<>(pinning.prefix(cpu));
    argv.addAll(List.of(binary.toString(), "-n", "-f", config.toString()));
    return new ServerCommand("ngircd", argv, address);
  }
}
