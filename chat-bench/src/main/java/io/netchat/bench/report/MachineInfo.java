package io.netchat.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run was measured on.
 *
 * @param cores online cores
 * @param memoryBytes total memory
 * @param cpuModel the CPU's model name
 * @param jvm vendor and version of the JVM running the bench (and the servers)
 * @param os kernel name and version
 * @param pinned whether generator and server were pinned to separate cores
 * @param transport the generator's socket transport
 */
public record MachineInfo(int cores, long memoryBytes, String cpuModel, String jvm, String os,
    boolean pinned, String transport) {

  /** This machine; {@code cores} as counted before the bench pinned itself. */
  public static MachineInfo current(int cores, boolean pinned, String transport) {
    return new MachineInfo(cores, readMemTotal(), readCpuModel(),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), pinned, transport);
  }

  private static long readMemTotal() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static String readCpuModel() {
    for (String line : lines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static List<String> lines(Path path) {
    try {
      return Files.readAllLines(path);
    } catch (IOException e) {
      return List.of();
    }
  }
}
