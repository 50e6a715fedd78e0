package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.config.TlsClientAuth;
import io.netchat.testkit.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listener against {@code openssl s_client}, a TLS client that is not Java: it verifies the
 * chain and the IP address, chats over a line-framed listener, and shows what the server refuses.
 * Outside CI a machine without {@code openssl} skips; under {@code CI=true} that fails.
 */
class OpensslClientTest {
  @TempDir
  Path dir;

  private ChatServer server;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(TlsFixture tls, TlsClientAuth clientAuth) {
    server = ChatServer.start(TestServers.config(TestServers.loopback("line", "json")
        .withTls(tls.listener(clientAuth).tls())));
    return server.addresses().get(0);
  }

  @Test
  void sClientVerifiesTheServerAndChatsOverALineListener() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls, TlsClientAuth.NONE);

    String output = sClient(address, "\"type\":\"welcome\"", "-CAfile", tls.caFile.toString(),
        "-verify_ip", "127.0.0.1", "-verify_return_error");

    assertThat(output).contains("Verification: OK").containsPattern("Protocol version: TLSv1\\.[23]")
        .contains("\"type\":\"welcome\"").contains("\"nick\":\"ossl\"");
  }

  @Test
  void sClientWithTls12OnlyIsServed() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls, TlsClientAuth.NONE);

    String output = sClient(address, "\"type\":\"welcome\"", "-CAfile", tls.caFile.toString(), "-tls1_2");

    assertThat(output).contains("Protocol version: TLSv1.2").contains("\"type\":\"welcome\"");
  }

  @Test
  void sClientWithTls11OnlyIsRefused() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls, TlsClientAuth.NONE);

    // SECLEVEL=0 lets this openssl offer TLS 1.1 at all: the refusal must come from the server.
    String output = sClient(address, null, "-CAfile", tls.caFile.toString(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");

    assertThat(output).doesNotContain("\"type\":\"welcome\"").containsIgnoringCase("alert protocol version");
  }

  @Test
  void aClientCertificateOfAnotherCaIsRefusedEvenWhereCertificatesAreOptional() throws Exception {
    TlsFixture tls = new TlsFixture(dir);
    InetSocketAddress address = start(tls, TlsClientAuth.OPTIONAL);
    TestPki.PemPair mallory = TestPki.newCa("other CA").client("mallory").writeTo(dir, "mallory");
    TestPki.PemPair ann = tls.ca.client("ann").writeTo(dir, "ann");

    String refused = sClient(address, null, "-CAfile", tls.caFile.toString(),
        "-cert", mallory.cert().toString(), "-key", mallory.key().toString());
    String admitted = sClient(address, "\"type\":\"welcome\"", "-CAfile", tls.caFile.toString(),
        "-cert", ann.cert().toString(), "-key", ann.key().toString());

    assertThat(refused).doesNotContain("\"type\":\"welcome\"").containsIgnoringCase("alert");
    assertThat(admitted).contains("\"type\":\"welcome\"");
  }

  /**
   * Runs {@code openssl s_client} against {@code address}, sends a hello line and returns its output
   * (stdout and stderr) once {@code until} appears, or once it exits when {@code until} is null.
   */
  private String sClient(InetSocketAddress address, String until, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(DebianTool.find("openssl", "openssl").toString(), "s_client", "-brief", "-ign_eof",
        "-connect", "127.0.0.1:" + address.getPort()));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    processes.add(process);
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write("{\"type\":\"hello\",\"nick\":\"ossl\"}\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      StringBuilder output = new StringBuilder();
      CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(process, output, until));
      reading.get(20, TimeUnit.SECONDS);
      synchronized (output) {
        return output.toString();
      }
    }
  }

  private static void read(Process process, StringBuilder output, String until) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (until != null && line.contains(until)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
