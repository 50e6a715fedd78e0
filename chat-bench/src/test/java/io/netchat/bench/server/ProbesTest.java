package io.netchat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbesTest {

  @Test
  void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParens() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 99 0 0";
    assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void compilerSecondsAreTheSumOverTheJitCompilerThreadsOnly(@TempDir Path tasks) throws IOException {
    task(tasks, "101", "101 (C2 CompilerThre) S 1 1 1 0 -1 0 0 0 0 0 300 20 0 0 20 0 30 0 99 0 0");
    task(tasks, "102", "102 (C1 CompilerThre) S 1 1 1 0 -1 0 0 0 0 0 40 10 0 0 20 0 30 0 99 0 0");
    task(tasks, "103", "103 (netchat-io-3-1) S 1 1 1 0 -1 0 0 0 0 0 9000 900 0 0 20 0 30 0 99 0 0");
    task(tasks, "104", "104 (GC Thread#0) S 1 1 1 0 -1 0 0 0 0 0 500 5 0 0 20 0 30 0 99 0 0");
    assertThat(ProcStats.compilerCpuSeconds(tasks)).hasValue((300 + 20 + 40 + 10) / 100.0);
    assertThat(ProcStats.compilerCpuSeconds(tasks.resolve("gone"))).isEmpty();
  }

  @Test
  void thisJvmHasCompilerThreadsAndAProcessWithoutThemHasNone() throws Exception {
    // a test JVM has compiled JUnit's and AssertJ's code by now: far more than one 10 ms tick
    assertThat(ProcStats.compilerCpuSeconds(ProcessHandle.current().pid()))
        .hasValueSatisfying(s -> assertThat(s).isGreaterThan(0));
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(ProcStats.compilerCpuSeconds(sleep.pid())).hasValue(0.0);
    } finally {
      sleep.destroy();
    }
  }

  private static void task(Path tasks, String tid, String stat) throws IOException {
    Files.createDirectories(tasks.resolve(tid));
    Files.writeString(tasks.resolve(tid).resolve("stat"), stat + "\n");
  }

  @Test
  void rssComesFromVmRssInKibibytes() {
    String status = "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  204800 kB\nThreads:\t30\n";
    assertThat(ProcStats.parseRssBytes(status)).isEqualTo(204800L * 1024);
  }

  @Test
  void thisProcessHasCpuTimeAndResidentMemory() {
    long self = ProcessHandle.current().pid();
    assertThat(ProcStats.cpuSeconds(self)).hasValueSatisfying(s -> assertThat(s).isGreaterThan(0));
    assertThat(ProcStats.rssBytes(self)).hasValueSatisfying(b -> assertThat(b).isGreaterThan(1 << 20));
    assertThat(ProcStats.cpuSeconds(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void liveHeapIsTheTotalOfTheClassHistogram() {
    String histogram = """
        12345:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         10000         480000  [B (java.base@17)
           2:          5000         120000  java.lang.String (java.base@17)
        Total         15000         600000
        """;
    assertThat(HeapProbe.parseHistogramTotal(histogram)).contains(600000L);
    assertThat(HeapProbe.parseHistogramTotal("12345:\nAttach failed")).isEmpty();
  }

  @Test
  void usedHeapIsTheFirstUsedFigureOfHeapInfo() {
    String info = """
        12345:
         garbage-first heap   total 524288K, used 20480K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 18 young (18432K), 2 survivors (2048K)
         Metaspace       used 7000K, committed 7168K, reserved 1114112K
        """;
    assertThat(HeapProbe.parseHeapInfoUsed(info)).contains(20480L * 1024);
  }

  @Test
  void pinningPrefixesOnlyCoresThatExist() {
    CpuPinning pinning = new CpuPinning("/usr/bin/taskset", 2);
    assertThat(pinning.prefix(1)).isEqualTo(List.of("/usr/bin/taskset", "-c", "1"));
    assertThat(pinning.prefix(2)).isEmpty();
    assertThat(pinning.prefix(-1)).isEmpty();
    assertThat(new CpuPinning(null, 2).prefix(0)).isEmpty();
  }
}
