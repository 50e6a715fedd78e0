package io.netchat.bench.scenario;

import io.netchat.bench.load.BenchClock;
import io.netchat.bench.load.LoadClient;
import io.netchat.bench.server.CpuPinning;
import io.netchat.bench.server.ServerCommand;
import io.netchat.bench.server.ServerProcess;
import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Framing;
import io.netchat.codec.Transport;
import io.netchat.codec.WireFormat;
import java.io.IOException;
import java.nio.file.Path;

/** One server process under test and the generator's client to it, closed together. */
final class TargetSession implements AutoCloseable {
  final Target target;
  final ServerProcess server;
  final LoadClient client;
  final BenchClock clock;

  private TargetSession(Target target, ServerProcess server, LoadClient client, BenchClock clock) {
    this.target = target;
    this.server = server;
    this.client = client;
    this.clock = clock;
  }

  /** Starts {@code target}'s server (with {@code netchatConfig} for netchat) and a client to it. */
  static TargetSession open(BenchSettings settings, Target target, String scenario, Path netchatConfig,
      CpuPinning pinning, Transport transport, BenchCertificate certificate) throws IOException, InterruptedException {
    var address = ServerProcess.freeLoopbackAddress(settings.host());
    ServerCommand command = target.isNetchat()
        ? ServerCommand.netchat(settings.serverJar(), address, netchatConfig, settings.serverJvmOptions(),
            pinning, settings.serverCpu())
        : ServerCommand.baseline(address, settings.serverJvmOptions(), pinning, settings.serverCpu(),
            settings.serverTransport());
    Path log = settings.resultDir().resolve("logs").resolve(scenario + "-" + target.label() + ".log");
    ServerProcess server = ServerProcess.start(command, log, settings.readyTimeout());
    try {
      // The baseline frames like netchat's length framing; the codec only shapes the frames sent.
      WireFormat format = target.isNetchat()
          ? WireFormat.of(settings.framing(), settings.codec(), Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load())
          : WireFormat.of("length", settings.codec(), Framing.DEFAULT_MAX_FRAME_LENGTH, CodecRegistry.load());
      BenchClock clock = new BenchClock();
      LoadClient client = new LoadClient(address, format, target.protocol(), transport, settings.threads(), clock,
          certificate == null ? null : certificate.clientContext());
      return new TargetSession(target, server, client, clock);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
