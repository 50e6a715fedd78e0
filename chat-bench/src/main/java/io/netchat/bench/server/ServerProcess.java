package io.netchat.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server under test running as a child process. Its output goes straight to a log file, and it
 * is ready once a line of it contains "ready" (the file is read every millisecond until then).
 * Closing it sends SIGTERM, then kills it if it has not exited within ten seconds. Should the bench
 * itself be stopped first (Ctrl-C, SIGTERM), a shutdown hook sends the server SIGTERM, so no server
 * outlives the run.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LEFT_BEHIND_POLL_MILLIS = 50;

  private final ServerCommand command;
  private final Process process;
  private final long startupNanos;
  private final Thread stopOnExit;
  private final Path logFile;

  private ServerProcess(ServerCommand command, Process process, long startupNanos, Thread stopOnExit, Path logFile) {
    this.command = command;
    this.process = process;
    this.startupNanos = startupNanos;
    this.stopOnExit = stopOnExit;
    this.logFile = logFile;
  }

  /** A free loopback port, found by binding port 0 (the short race with other binders is accepted). */
  public static InetSocketAddress freeLoopbackAddress(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return new InetSocketAddress(host, socket.getLocalPort());
    }
  }

  /**
   * Starts {@code command} with its output in {@code logFile} and waits up to
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
    // Straight to the file, not through a pipe: the JDK closes a child's pipe once the child exits,
    // and a JDK 25 server recording an AOT cache leaves the assembly to a child JVM that writes to
    // the same output after it has gone -- through the closed pipe it would die of SIGPIPE.
    ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    // SIGTERM only, never a kill: a server recording an AOT cache still assembles it after the bench is gone.
    Thread stopOnExit = new Thread(process::destroy, command.name() + "-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    ReadyLine output = new ReadyLine(logFile);
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    long readyAt = output.poll();
    while (readyAt < 0 && process.isAlive() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(POLL_NANOS);
      readyAt = output.poll();
    }
    if (readyAt < 0) {
      readyAt = output.poll(); // what it wrote just before it exited
    }
    if (readyAt < 0) {
      forget(stopOnExit);
      process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      throw new IOException(command.name() + (process.isAlive() ? " was not ready within " + readyTimeout
          : " exited") + "; last output:\n" + output.tail());
    }
    ServerProcess server = new ServerProcess(command, process, readyAt - began, stopOnExit, logFile);
    log.info("{} ready (pid {}) in {} ms", command.name(), server.pid(), server.startupMillis());
    return server;
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
   * Sends SIGTERM and waits up to {@code grace} before killing it, then up to the rest of
   * {@code grace} until no process has its log open any more: a JDK 25 JVM recording an AOT cache
   * hands the assembly to a child JVM at exit and is gone in a second or two, while the child, which
   * inherited the output, writes the cache for several more. Its shutdown hook is removed first, as
   * the bench now stops it itself.
   */
  public void close(Duration grace) {
    forget(stopOnExit);
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} did not stop on SIGTERM within {}; killing it", command.name(), grace);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      boolean written = OpenFiles.isOpen(logFile);
      while (written && System.nanoTime() < deadline) {
        Thread.sleep(LEFT_BEHIND_POLL_MILLIS);
        written = OpenFiles.isOpen(logFile);
      }
      if (written) {
        log.warn("{}'s log is still open (a child it left, such as an AOT cache assembly) after {}", command.name(),
            grace);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
