package io.netchat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

  /**
   * As a JDK 25 JVM recording an AOT cache does: on SIGTERM it exits at once, leaving a child that
   * inherited its output to finish the work. {@code close} returns once that child is done too,
   * with everything it wrote in the log.
   */
  @Test
  void closeWaitsForAChildTheServerLeftBehindOnItsOutput(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    String script = "trap 'sh -c \"sleep 1; echo assembled\" & exit 0' TERM; echo ready; "
        + "while :; do sleep 0.05; done";
    ServerCommand command = new ServerCommand("fake", List.of("sh", "-c", script),
        new InetSocketAddress("127.0.0.1", 1));

    ServerProcess server = ServerProcess.start(command, log, Duration.ofSeconds(30));
    server.close(Duration.ofSeconds(60));

    assertThat(server.isAlive()).isFalse();
    assertThat(Files.readAllLines(log)).containsExactly("ready", "assembled");
  }

  @Test
  void aServerThatExitsBeforeItsReadyLineIsReportedWithItsLastLines(@TempDir Path dir) {
    ServerCommand command = new ServerCommand("fake", List.of("sh", "-c", "echo starting; echo 'bind: in use' >&2; exit 3"),
        new InetSocketAddress("127.0.0.1", 1));

    assertThatThrownBy(() -> ServerProcess.start(command, dir.resolve("server.log"), Duration.ofSeconds(30)))
        .isInstanceOf(IOException.class)
        .hasMessage("fake exited; last output:\nstarting\nbind: in use");
  }
}
