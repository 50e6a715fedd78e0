package io.netchat.bench.server;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins processes to cores with {@code taskset} where it exists and the machine has the core;
 * everywhere else pinning is skipped and says so.
 *
 * @param taskset path of the taskset binary, or {@code null} when absent
 * @param cores cores of the machine
 */
public record CpuPinning(String taskset, int cores) {
  private static final Logger log = LoggerFactory.getLogger(CpuPinning.class);

  /** Looks for taskset on the PATH; counts cores before this process pins itself. */
  public static CpuPinning detect() {
    String found = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      File candidate = new File(dir, "taskset");
      if (candidate.canExecute()) {
        found = candidate.getPath();
        break;
      }
    }
    return new CpuPinning(found, Runtime.getRuntime().availableProcessors());
  }

  /** Whether {@code cpu} (from 0) can be pinned to; a negative cpu means "don't pin". */
  public boolean canPin(int cpu) {
    return taskset != null && cpu >= 0 && cpu < cores;
  }

  /** The prefix that runs a command on {@code cpu}, or an empty list when it cannot. */
  public List<String> prefix(int cpu) {
    return canPin(cpu) ? List.of(taskset, "-c", Integer.toString(cpu)) : List.of();
  }

  /** Pins every thread of this process (and the threads it creates later) to {@code cpu}. */
  public boolean pinSelf(int cpu) {
    if (!canPin(cpu)) {
      log.info("not pinning the generator: taskset {} and cpu {} of {}", taskset == null ? "missing" : "present", cpu, cores);
      return false;
    }
    try {
      Process process = new ProcessBuilder(taskset, "-a", "-p", "-c", Integer.toString(cpu),
          Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      log.warn("cannot pin the generator to cpu {}: {}", cpu, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
