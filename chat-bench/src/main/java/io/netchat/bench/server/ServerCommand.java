package io.netchat.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to start one server under test as its own process.
 *
 * @param name short name used in reports ("netchat", "baseline", "ngircd")
 * @param argv the command line
 * @param address where it will listen
 */
public record ServerCommand(String name, List<String> argv, InetSocketAddress address) {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

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
    argv.addAll(classDataSharing(jar, jvmOptions, config));
    argv.addAll(serverArguments(jar, address.getHostString(), address.getPort(), config));
    return new ServerCommand("netchat", argv, address);
  }

  /** {@code -jar JAR --host H --port P [--config FILE]}. */
  private static List<String> serverArguments(Path jar, String host, int port, Path config) {
    List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString(), "--host", host, "--port", Integer.toString(port)));
    if (config != null) {
      arguments.addAll(List.of("--config", config.toString()));
    }
    return arguments;
  }

  /**
   * The class-data sharing options {@code bin/netchat-server} uses, so that start-up is measured
   * as deployed: map the archive beside the jar when it is current; else first record it, as the
   * launcher does, from a start of its own ({@code --exit-when-ready}, on any free port), run
   * interpreted before Java 21 — never from a measured run: a Java 17 archive keeps the mark of every
   * method queued for compilation when the recording JVM exits, and those methods are then never
   * compiled in the runs that map it (JDK-8306460; docs/benchmarks.md, "Round six"). No options when
   * it cannot be recorded.
   */
  static List<String> classDataSharing(Path jar, List<String> jvmOptions, Path config) {
    Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
    List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    try {
      if (!isCurrent(archive, jar)) {
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(jvmOptions);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        if (Runtime.version().feature() < 21) {
          training.add("-Xint"); // JDK-8306460: a method queued for compilation at exit would never be compiled
        }
        training.addAll(quiet);
        training.addAll(serverArguments(jar, "127.0.0.1", 0, config));
        training.add("--exit-when-ready");
        Process process = new ProcessBuilder(training).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !isCurrent(archive, jar)) {
          process.destroyForcibly();
          log.warn("could not record the class-data archive {}: the server starts without one", archive);
          Files.deleteIfExists(archive);
          return List.of();
        }
      }
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    List<String> options = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
    options.addAll(quiet);
    return options;
  }

  private static boolean isCurrent(Path archive, Path jar) throws IOException {
    return Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
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
