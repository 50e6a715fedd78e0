package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.client.TestServer;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.PasswordConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with accounts: /register in a script with NETCHAT_PASSWORD, logging in with
 * --password-file or --ask-password (typed at the console, no echo), and never a password in what
 * the CLI prints.
 */
class AccountsCliTest {
  private static final String PASSWORD = "correct horse";

  @TempDir
  Path dir;
  private TestServer server;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() {
    server = TestServer.start(config -> config.withAuth(AuthConfig.defaults()
        .withPassword(new PasswordConfig(64, 1, 1, 8))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run run(String script, Map<String, String> env, Function<String, char[]> console, String... extraArgs)
      throws Exception {
    Path file = dir.resolve("test-" + System.nanoTime() + ".nchat");
    Files.writeString(file, script);
    List<String> args = new ArrayList<>(List.of("--port", "" + server.port(), "--script", file.toString()));
    args.addAll(List.of(extraArgs));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientMain main = new ClientMain(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
          throw new AssertionError("a script run must not open a terminal");
        }, false).withEnvironment(env::get, console);
    int code = main.execute(args.toArray(String[]::new));
    Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(run.out() + run.err()).as("no password in what the CLI prints").doesNotContain(PASSWORD);
    return run;
  }

  private static final Function<String, char[]> NO_CONSOLE = prompt -> {
    throw new AssertionError("nothing should ask");
  };

  @Test
  void registerWithNetchatPasswordThenLogInWithAFileOrThePrompt() throws Exception {
    Run noPassword = run("/quit\n", Map.of(), NO_CONSOLE, "--nick", "ann", "--register");
    assertThat(noPassword.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noPassword.err()).contains("--register needs a password");

    Run registered = run("""
        /whois ann
        expect whois nick=ann account=ann
        /quit
        """, Map.of("NETCHAT_PASSWORD", PASSWORD), NO_CONSOLE, "--nick", "ann", "--register");
    assertThat(registered.code()).as(registered.err()).isZero();

    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Run withFile = run("""
        /whois ann
        expect whois account=ann
        /quit
        """, Map.of(), NO_CONSOLE, "--nick", "ann", "--password-file", passwordFile.toString());
    assertThat(withFile.code()).as(withFile.err()).isZero();

    AtomicReference<String> asked = new AtomicReference<>();
    Run prompted = run("""
        /whois ann
        expect whois account=ann
        /quit
        """, Map.of(), prompt -> {
          asked.set(prompt);
          return PASSWORD.toCharArray();
        }, "--nick", "ann", "--ask-password");
    assertThat(prompted.code()).as(prompted.err()).isZero();
    assertThat(asked.get()).isEqualTo("password for ann: ");
  }

  @Test
  void aWrongPasswordIsAConnectionFailureNamingTheCode() throws Exception {
    assertThat(run("/quit\n", Map.of("NETCHAT_PASSWORD", PASSWORD), NO_CONSOLE, "--nick", "bob", "--register").code())
        .isZero();
    Run wrong = run("/quit\n", Map.of("NETCHAT_PASSWORD", "not it"), NO_CONSOLE, "--nick", "bob");
    assertThat(wrong.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(wrong.err()).contains("bad_credentials");
    Run guest = run("/quit\n", Map.of(), NO_CONSOLE, "--nick", "bob");
    assertThat(guest.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(guest.err()).contains("nick_reserved");
  }

  @Test
  void aScriptCannotTypeAPasswordAndAnEmptyPasswordFileIsRefused() throws Exception {
    Run passwd = run("/passwd\n", Map.of("NETCHAT_PASSWORD", PASSWORD), NO_CONSOLE, "--nick", "carol", "--register");
    assertThat(passwd.code()).isEqualTo(ExitCodes.SCRIPT_FAILED);
    assertThat(passwd.err()).contains("a script cannot type a password");
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    Run refused = run("/quit\n", Map.of(), NO_CONSOLE, "--nick", "carol", "--password-file", empty.toString());
    assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("has no password on its first line");
  }
}
