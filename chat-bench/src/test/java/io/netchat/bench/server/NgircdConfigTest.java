package io.netchat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgircdConfigTest {
  private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 16_667);

  @Test
  void listensOnTheBenchPortOnlyWithoutLookupsOrConnectionLimits() {
    String text = NgircdConfig.text(ADDRESS);
    assertThat(text).contains("Listen = 127.0.0.1\n", "Ports = 16667\n", "MotdPhrase = ",
        "MaxConnections = 0\n", "MaxConnectionsIP = 0\n", "MaxJoins = 0\n", "IdleTimeout = 10\n",
        "DNS = no\n", "Ident = no\n", "PAM = no\n");
    assertThat(text).doesNotContain("MaxPenaltyTime");
  }

  @Test
  void ngircdAcceptsTheConfigAsWritten(@TempDir Path dir) throws Exception {
    assumeTrue(NgircdConfig.installed(NgircdConfig.DEFAULT_BINARY), "ngIRCd is not installed");
    Path config = NgircdConfig.write(dir, ADDRESS);
    Process test = new ProcessBuilder(NgircdConfig.DEFAULT_BINARY.toString(), "--configtest", "-f", config.toString())
        .redirectErrorStream(true).start();
    String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(test.exitValue()).as(out).isZero();
    // ngIRCd shows "no limit" on joins as -1.
    assertThat(out).contains("Ports = 16667", "MaxConnections = 0", "MaxConnectionsIP = 0", "PAM = no")
        .doesNotContain("MaxJoins = 10", "No administrative information");
  }
}
