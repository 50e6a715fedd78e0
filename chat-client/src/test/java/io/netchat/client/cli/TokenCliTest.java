package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.client.TestJwts;
import io.netchat.client.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --token-file} and {@code NETCHAT_TOKEN}: the scripted CLI logs in as the token's user. */
class TokenCliTest {
  private static final String SCRIPT = """
      /join lobby
      expect joined room=lobby members~alice
      """;

  @TempDir
  static Path dir;

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(config -> TestJwts.acceptingTokens(config, dir));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(Map<String, String> environment, ByteArrayOutputStream err, String... extraArgs) throws Exception {
    Path script = Files.writeString(dir.resolve("token.nchat"), SCRIPT);
    ClientMain main = new ClientMain(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
          throw new AssertionError("a script run must not open a terminal");
        }, false);
    main.withEnvironment(environment::get, prompt -> null);
    String[] args = new String[4 + extraArgs.length];
    System.arraycopy(new String[] {"--port", "" + server.port(), "--script", script.toString()}, 0, args, 0, 4);
    System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
    return main.execute(args);
  }

  private static String aliceToken() {
    return TestJwts.hs256("alice", Instant.now().plus(Duration.ofHours(1)));
  }

  @Test
  void aTokenFileLogsInAsItsSub() throws Exception {
    Path file = Files.writeString(dir.resolve("alice.jwt"), aliceToken() + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(run(Map.of(), err, "--nick", "ignored", "--token-file", file.toString()))
        .as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
  }

  @Test
  void theEnvironmentVariableIsTheTokenWithoutAFile() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(run(Map.of("NETCHAT_TOKEN", aliceToken()), err)).as(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(ExitCodes.OK);
  }

  @Test
  void aRefusedTokenIsAConnectionFailure() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String expired = TestJwts.hs256("alice", Instant.now().minusSeconds(60));

    assertThat(run(Map.of("NETCHAT_TOKEN", expired), err)).isEqualTo(ExitCodes.CONNECTION);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the token has expired");
  }

  @Test
  void aPasswordBesideATokenIsAUsageErrorThatShowsNeither() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String token = aliceToken();

    assertThat(run(Map.of("NETCHAT_TOKEN", token, "NETCHAT_PASSWORD", "hunter2"), err, "--nick", "alice"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("a password or a token, not both")
        .doesNotContain("hunter2").doesNotContain(token);
  }
}
