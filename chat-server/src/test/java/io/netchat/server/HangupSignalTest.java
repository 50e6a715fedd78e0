package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading whether SIGHUP was ignored at start (nohup), in which case the JVM cannot handle it. */
class HangupSignalTest {

  @Test
  void sighupIsIgnoredOnlyWhenBitZeroOfSigIgnIsSet(@TempDir Path dir) throws IOException {
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\t0000000000000001"))).isTrue();
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\t0000000000001001"))).isTrue();
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\t0000000000001000"))).isFalse();
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\t0000000000000000"))).isFalse();
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\tffffffffffffffff"))).isTrue();
  }

  @Test
  void noStatusFileOrNoMaskMeansNotIgnored(@TempDir Path dir) throws IOException {
    assertThat(HangupSignal.ignoresHangup(dir.resolve("missing"))).isFalse();
    assertThat(HangupSignal.ignoresHangup(status(dir, "Name:\tjava"))).isFalse();
    assertThat(HangupSignal.ignoresHangup(status(dir, "SigIgn:\tnot hex"))).isFalse();
  }

  private static Path status(Path dir, String line) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "status", ""), "Name:\tjava\nSigBlk:\t0000000000000000\n" + line + "\n");
  }
}
