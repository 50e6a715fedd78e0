package io.netchat.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server under test running as a child process. Started, it is ready once a line of its output
 * contains "ready"; its output goes to a log file. Closing it sends SIGTERM, then kills it if it
 * has not exited within ten seconds. Should the bench itself be stopped first (Ctrl-C, SIGTERM), a
 * shutdown hook sends the server SIGTERM, so no server outlives the run.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
  private static final int TAIL_LINES = 40;

  private final ServerCommand command;
  private final Process process;
  private final long startupNanos;
  private final Thread stopOnExit;

  private ServerProcess(ServerCommand command, Process process, long startupNanos, Thread stopOnExit) {
    this.command = command;
    this.process = process;
    this.startupNanos = startupNanos;
    this.stopOnExit = stopOnExit;
  }

  /** A free loopback port, found by binding port 0 (the short race with other binders is accepted). */
  public static InetSocketAddress freeLoopbackAddress(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return new InetSocketAddress(host, socket.getLocalPort());
    }
  }

  /**
   * Starts {@code command}, copies its output to {@code logFile} and waits up to
   * {@code readyTimeout} for its "ready" line.
   *
   * @throws IOException if it cannot start, exits, or is not ready in time (with its last lines)
   */
  public static ServerProcess start(ServerCommand command, Path logFile, Duration readyTimeout)
      throws IOException, InterruptedException {
    return start(command, java.util.Map.of(), logFile, readyTimeout, System.nanoTime());
  }

  /**
   * As above, with {@code environment} added to the process's, and start-up timed from
   * {@code began} ({@link System#nanoTime()}, taken by the caller just before).
   */
  public static ServerProcess start(ServerCommand command, java.util.Map<String, String> environment, Path logFile,
      Duration readyTimeout, long began) throws IOException, InterruptedException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    log.info("starting {}: {}", command.name(), String.join(" ", command.argv()));
    ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    // SIGTERM only, never a kill: a server recording an AOT cache still assembles it after the bench is gone.
    Thread stopOnExit = new Thread(process::destroy, command.name() + "-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    CountDownLatch ready = new CountDownLatch(1);
    long[] readyAt = new long[1];
    Deque<String> tail = new ArrayDeque<>();
    Thread pump = new Thread(() -> pump(process, logFile, ready, readyAt, tail), command.name() + "-output");
    pump.setDaemon(true);
    pump.start();
    boolean isReady = false;
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    while (!isReady && process.isAlive() && System.nanoTime() < deadline) {
      isReady = ready.await(50, TimeUnit.MILLISECONDS);
    }
    isReady = isReady || ready.getCount() == 0;
    if (!isReady) {
      forget(stopOnExit);
      process.destroyForcibly();
      pump.join(2000);
      String lines;
      synchronized (tail) {
        lines = String.join("\n", tail);
      }
      throw new IOException(command.name() + (process.isAlive() ? " was not ready within " + readyTimeout
          : " exited") + "; last output:\n" + lines);
    }
    ServerProcess server = new ServerProcess(command, process, readyAt[0] - began, stopOnExit);
    log.info("{} ready (pid {}) in {} ms", command.name(), server.pid(), server.startupMillis());
    return server;
  }

  private static void pump(Process process, Path logFile, CountDownLatch ready, long[] readyAt, Deque<String> tail) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        if (ready.getCount() > 0) {
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
              tail.removeFirst();
            }
          }
          if (line.toLowerCase(Locale.ROOT).contains("ready")) {
            readyAt[0] = System.nanoTime();
            out.flush();
            ready.countDown();
          }
        }
      }
    } catch (IOException e) {
      log.debug("output of server process ended: {}", e.toString());
    }
  }

  /** Its name in reports. */
  public String name() {
    return command.name();
  }

  /** Where it listens. */
  public InetSocketAddress address() {
    return command.address();
  }

  /** Its process id (the JVM's: taskset execs it). */
  public long pid() {
    return process.pid();
  }

  /** From launching the process to its "ready" line. */
  public double startupMillis() {
    return startupNanos / 1e6;
  }

  /** Whether it is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Removes the shutdown hook of a server stopped by the bench (not possible while shutting down). */
  private static void forget(Thread stopOnExit) {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs, and stopping a stopped process is harmless.
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /**
   * Sends SIGTERM and waits up to {@code grace} before killing it: a JVM recording an AOT cache
   * assembles it at exit, which takes seconds. Its shutdown hook is removed first, as the bench now
   * stops it itself.
   */
  public void close(Duration grace) {
    forget(stopOnExit);
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop on SIGTERM within {}; killing it", command.name(), grace);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
