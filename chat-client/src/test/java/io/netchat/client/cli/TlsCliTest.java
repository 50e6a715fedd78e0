package io.netchat.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.client.TestServer;
import io.netchat.server.config.TlsConfig;
import io.netchat.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's TLS options against a real TLS listener: {@code --tls}, {@code --ca}, {@code --insecure}, client certificates. */
class TlsCliTest {
  private static final String SCRIPT = "/join lobby\nexpect joined room=lobby\n/quit done\n";

  @TempDir
  Path dir;

  private final TestPki ca = TestPki.newCa("cli CA");
  private TestServer server;
  private Path caFile;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() {
    TestPki.PemPair files = ca.server("cli server").writeTo(dir, "server");
    caFile = ca.writeCa(dir, "ca");
    TlsConfig tls = TlsConfig.of(files.cert().toString(), files.key().toString());
    server = TestServer.start(c -> c.withListeners(List.of(c.listeners().get(0).withTls(tls))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run run(String... options) throws Exception {
    Path script = Files.writeString(dir.resolve("tls.nchat"), SCRIPT);
    List<String> args = new ArrayList<>(List.of("--port", "" + server.port(), "--nick", "ann", "--script", script.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ClientMain main = new ClientMain(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
          throw new AssertionError("a script run must not open a terminal");
        }, false);
    int code = main.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void tlsWithTheCaRunsTheScript() throws Exception {
    Run run = run("--tls", "--ca", caFile.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).doesNotContain("WARNING");
  }

  @Test
  void withoutTheCaTheServerIsNotTrustedAndTheExitCodeSaysConnection() throws Exception {
    Run run = run("--tls");
    assertThat(run.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(run.err()).contains("the server's certificate is not trusted", "--ca FILE");
  }

  @Test
  void insecureConnectsWithALoudWarning() throws Exception {
    Run run = run("--insecure");
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("WARNING: --insecure: the server's certificate is NOT checked");
  }

  @Test
  void withoutTlsThePlaintextClientIsToldToUseIt() throws Exception {
    Run run = run();
    assertThat(run.code()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(run.err()).contains("connect with --tls");
  }

  @Test
  void anUnreadableCaFileIsAUsageErrorNamingIt() throws Exception {
    Run run = run("--ca", dir.resolve("nope.pem").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("nope.pem: no such file").doesNotContain("\tat ");
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() throws Exception {
    Run run = run("--ca", caFile.toString(), "--cert", caFile.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("needs both --cert and --key");
  }
}
