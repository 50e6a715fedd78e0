package io.netchat.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads another JVM's heap with the JDK's {@code jcmd}. */
public final class HeapProbe {
  private static final Logger log = LoggerFactory.getLogger(HeapProbe.class);
  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private final String jcmd;

  /** Uses the {@code jcmd} next to the running JVM, else the one on the PATH. */
  public HeapProbe() {
    Path local = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    this.jcmd = Files.isExecutable(local) ? local.toString() : "jcmd";
  }

  /**
   * Bytes of live objects in {@code pid}'s heap: {@code GC.run}, then {@code GC.class_histogram}
   * (which collects fully again before counting) summed over every class.
   */
  public Optional<Long> liveBytes(long pid) {
    run(pid, "GC.run");
    return run(pid, "GC.class_histogram").flatMap(HeapProbe::parseHistogramTotal);
  }

  /** Heap in use now, garbage included ({@code GC.heap_info}), in bytes. */
  public Optional<Long> usedBytes(long pid) {
    return run(pid, "GC.heap_info").flatMap(HeapProbe::parseHeapInfoUsed);
  }

  /** The byte total of a class histogram's {@code Total} line. */
  static Optional<Long> parseHistogramTotal(String histogram) {
    Matcher m = TOTAL.matcher(histogram);
    return m.find() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
  }

  /** The first {@code used NK} of a heap_info answer (the whole heap), in bytes. */
  static Optional<Long> parseHeapInfoUsed(String heapInfo) {
    Matcher m = USED.matcher(heapInfo);
    return m.find() ? Optional.of(Long.parseLong(m.group(1)) * 1024) : Optional.empty();
  }

  private Optional<String> run(long pid, String command) {
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        log.warn("jcmd {} {} failed: {}", pid, command, new String(out, StandardCharsets.UTF_8).strip());
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.warn("cannot run jcmd: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
