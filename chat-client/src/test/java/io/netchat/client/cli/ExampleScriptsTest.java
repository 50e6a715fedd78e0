package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.client.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample scripts under examples/ (which CI runs against the daemon) keep their documented exit codes. */
class ExampleScriptsTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private TestServer server;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String script, String nick) {
    Path file = EXAMPLES.resolve(script);
    assertThat(Files.isRegularFile(file)).as(file.toAbsolutePath().toString()).isTrue();
    return new ClientMain(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
          throw new AssertionError("no terminal in script mode");
        }, false).execute("--port", "" + server.port(), "--nick", nick, "--script", file.toString());
  }

  @Test
  void theSmokeScriptPassesTwiceInARow() {
    assertThat(run("smoke.nchat", "smoke")).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
    assertThat(run("smoke.nchat", "smoke")).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
  }

  @Test
  void theFailingScriptFailsAtTheDocumentedLine() {
    assertThat(run("failing.nchat", "failing")).isEqualTo(ExitCodes.SCRIPT_FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("failing.nchat:8: no matching message event");
  }
}
