package io.netchat.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times one start of the daemon as an operator starts it ({@code bin/netchat-server}): from
 * launching the process to its "ready" log line, and to the first TCP connection its listener
 * accepts (polled every millisecond from launch). The server is stopped with SIGTERM afterwards.
 */
public final class StartupProbe {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long a stopping server may take: one recording an AOT cache (JDK 25) assembles it at exit. */
  private static final Duration RECORDING_GRACE = Duration.ofSeconds(180);

  private StartupProbe() {}

  /**
   * One start's timings.
   *
   * @param readyMs launch to the "ready" line
   * @param portMs launch to the first accepted connection (-1 if none before the ready line + 5 s)
   * @param cpuMs CPU time (user + system, all threads) the server process had used when its ready
   *     line was read: unlike the wall-clock times, barely moved by other work on the machine
   * @param exitMs SIGTERM to exit
   */
  public record Start(double readyMs, double portMs, double cpuMs, double exitMs) {}

  /**
   * Starts {@code launcher} with {@code arguments} (the listener's {@code --host}/{@code --port}
   * are added), waits for it, times it and stops it.
   */
  public static Start once(List<String> prefix, Path launcher, List<String> arguments, Map<String, String> environment,
      Path logFile, Duration readyTimeout) throws IOException, InterruptedException {
    InetSocketAddress address = ServerProcess.freeLoopbackAddress("127.0.0.1");
    List<String> argv = new ArrayList<>(prefix);
    argv.add(launcher.toString());
    argv.addAll(arguments);
    argv.addAll(List.of("--host", address.getHostString(), "--port", Integer.toString(address.getPort())));
    AtomicLong answeredAt = new AtomicLong(-1);
    long began = System.nanoTime();
    Thread poller = new Thread(() -> poll(address, began, readyTimeout.plusSeconds(5), answeredAt), "startup-poll");
    poller.setDaemon(true);
    poller.start();
    ServerProcess server = ServerProcess.start(new ServerCommand("netchat", argv, address), environment, logFile,
        readyTimeout, began);
    double cpuMs = ProcStats.cpuSeconds(server.pid()).orElse(-0.001) * 1000;
    try {
      poller.join(TimeUnit.SECONDS.toMillis(5));
    } finally {
      poller.interrupt();
    }
    long stopping = System.nanoTime();
    server.close(RECORDING_GRACE);
    long stopped = System.nanoTime();
    long answered = answeredAt.get();
    return new Start(server.startupMillis(), answered < 0 ? -1 : (answered - began) / 1e6, cpuMs,
        (stopped - stopping) / 1e6);
  }

  private static void poll(InetSocketAddress address, long began, Duration limit, AtomicLong answeredAt) {
    long deadline = began + limit.toNanos();
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      try (Socket socket = new Socket()) {
        socket.connect(address, 100);
        answeredAt.set(System.nanoTime());
        return;
      } catch (IOException e) {
        java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }
}
