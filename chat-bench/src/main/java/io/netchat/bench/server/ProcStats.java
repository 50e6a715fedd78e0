package io.netchat.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** CPU time and resident memory of a process, read from Linux's {@code /proc}. */
public final class ProcStats {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  public static final int CLOCK_TICKS = 100;

  private ProcStats() {}

  /** User plus system CPU seconds used by {@code pid} so far, if readable. */
  public static Optional<Double> cpuSeconds(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "stat")).map(ProcStats::parseCpuTicks)
        .map(ticks -> ticks / (double) CLOCK_TICKS);
  }

  /**
   * CPU seconds used so far by {@code pid}'s JIT compiler threads (HotSpot's {@code C1 CompilerThread}
   * and {@code C2 CompilerThread}, named in {@code /proc} by their first 15 characters); 0 for a
   * process without them, empty if {@code /proc} cannot be read. A compiler thread the JVM retires
   * takes its seconds with it, so a sum may fall: compare over short spans.
   */
  public static Optional<Double> compilerCpuSeconds(long pid) {
    return compilerCpuSeconds(Path.of("/proc", Long.toString(pid), "task"));
  }

  static Optional<Double> compilerCpuSeconds(Path taskDirectory) {
    try (Stream<Path> tasks = Files.list(taskDirectory)) {
      long ticks = 0;
      for (Path task : (Iterable<Path>) tasks::iterator) {
        Optional<String> stat = read(task.resolve("stat"));
        if (stat.isPresent() && isCompilerThread(stat.get())) {
          ticks += parseCpuTicks(stat.get());
        }
      }
      return Optional.of(ticks / (double) CLOCK_TICKS);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** Whether a {@code /proc/<pid>/task/<tid>/stat} line is a HotSpot JIT compiler thread's. */
  static boolean isCompilerThread(String stat) {
    int open = stat.indexOf('(');
    String name = stat.substring(open + 1, stat.lastIndexOf(')'));
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /** Resident set size of {@code pid} in bytes, if readable. */
  public static Optional<Long> rssBytes(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "status")).map(ProcStats::parseRssBytes);
  }

  /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in clock ticks. */
  static long parseCpuTicks(String stat) {
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The {@code VmRSS} of a {@code /proc/<pid>/status} text, in bytes. */
  static long parseRssBytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    throw new IllegalArgumentException("no VmRSS line");
  }

  private static Optional<String> read(Path path) {
    try {
      return Optional.of(Files.readString(path));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
