package io.netchat.bench.scenario;

import io.netchat.bench.load.BenchClock;
import io.netchat.bench.load.LoadClient;
import io.netchat.bench.server.CpuPinning;
import io.netchat.bench.server.NgircdConfig;
import io.netchat.bench.server.ServerCommand;
import io.netchat.bench.server.ServerProcess;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.Side;
import io.netchat.codec.Transport;
import io.netchat.codec.WireFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server process under test and the generator's client to it, closed together (with the
 * temporary directory of ngIRCd's config).
 */
final class TargetSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TargetSession.class);

  final Target target;
  final ServerProcess server;
  final LoadClient client;
  final BenchClock clock;
  private final Path scratch;

  private TargetSession(Target target, ServerProcess server, LoadClient client, BenchClock clock, Path scratch) {
    this.target = target;
    this.server = server;
    this.client = client;
    this.clock = clock;
    this.scratch = scratch;
  }

  /** Starts {@code target}'s server (with {@code netchatConfig} for netchat) and a client to it. */
  static TargetSession open(BenchSettings settings, Target target, String scenario, Path netchatConfig,
      CpuPinning pinning, Transport transport, BenchCertificate certificate) throws IOException, InterruptedException {
    InetSocketAddress address = ServerProcess.freeLoopbackAddress(settings.host());
    Path scratch = target.server() == Target.Server.NGIRCD ? Files.createTempDirectory("netchat-bench-ngircd") : null;
    try {
      ServerCommand command = switch (target.server()) {
        case NETCHAT -> ServerCommand.netchat(settings.serverJar(), address, netchatConfig,
            settings.serverJvmOptions(), pinning, settings.serverCpu());
        case BASELINE -> ServerCommand.baseline(address, settings.serverJvmOptions(), pinning, settings.serverCpu(),
            settings.serverTransport());
        // ngIRCd has no choice of transport: settings.serverTransport() does not apply to it.
        case NGIRCD -> ServerCommand.ngircd(settings.ngircd(), address, NgircdConfig.write(scratch, address),
            pinning, settings.serverCpu());
      };
      Path logFile = settings.resultDir().resolve("logs").resolve(scenario + "-" + target.label() + ".log");
      ServerProcess server = start(target, command, logFile, settings);
      try {
        // The baseline frames like netchat's length framing; the codec only shapes the frames sent.
        WireFormat format = switch (target.protocol()) {
          case NETCHAT -> WireFormat.of(settings.framing(), settings.codec(), Framing.DEFAULT_MAX_FRAME_LENGTH,
              CodecRegistry.load());
          case BASELINE -> WireFormat.of("length", settings.codec(), Framing.DEFAULT_MAX_FRAME_LENGTH,
              CodecRegistry.load());
          case IRC -> null;
        };
        if (format != null) {
          format.codec().prepare(Side.CLIENT); // not on the generator's loops while it measures
        }
        BenchClock clock = new BenchClock();
        LoadClient client = new LoadClient(address, format, target.protocol(), transport, settings.threads(), clock,
            certificate == null ? null : certificate.clientContext());
        return new TargetSession(target, server, client, clock, scratch);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      delete(scratch);
      throw e;
    }
  }

  private static ServerProcess start(Target target, ServerCommand command, Path logFile, BenchSettings settings)
      throws IOException, InterruptedException {
    try {
      return ServerProcess.start(command, logFile, settings.readyTimeout());
    } catch (IOException e) {
      throw target == Target.NETCHAT_IRC ? explainIrcRefusal(e) : e;
    }
  }

  /**
   * The failure of a netchat whose config names an IRC listener, said plainly when the daemon
   * exited over it: a server built before the IRC listener refuses {@code framing: irc}.
   */
  static IOException explainIrcRefusal(IOException failure) {
    String message = String.valueOf(failure.getMessage());
    if (!message.contains(" exited") || !message.toLowerCase(Locale.ROOT).contains("irc")) {
      return failure;
    }
    return new IOException("netchat refused its IRC listener (framing: irc, codec: irc): this server jar has no"
        + " IRC listener; build one that has it (issue 15) or pass its --server-jar. " + message, failure);
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
      delete(scratch);
    }
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", directory, e.toString());
    }
  }
}
