package io.netchat.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.ServerMain;
import io.netchat.testkit.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files are checked with the configuration: a bad one exits 2 naming the file, before anything binds. */
class TlsCheckConfigTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final TestPki ca = TestPki.newCa("check CA");

  @TempDir
  Path dir;

  private int run(String... args) {
    return ServerMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private Path config(Path cert, Path key) throws Exception {
    return Files.writeString(dir.resolve("server.yaml"),
        "listeners:\n  - {port: 0, tls: {cert: '" + cert + "', key: '" + key + "'}}\n");
  }

  @Test
  void aGoodCertificateChecksAndIsShownAsTls() throws Exception {
    TestPki.PemPair files = ca.server("good").writeTo(dir, "good");

    assertThat(run("--check-config", config(files.cert(), files.key()).toString())).isZero();
    assertThat(out.toString()).contains("configuration OK; listeners: [127.0.0.1:0 (length/json, tls)]");
  }

  @Test
  void aKeyOfAnotherCertificateExitsTwoNamingTheKeyFile() throws Exception {
    TestPki.PemPair good = ca.server("good").writeTo(dir, "good");
    TestPki.PemPair other = ca.server("other").writeTo(dir, "other");

    assertThat(run("--check-config", config(good.cert(), other.key()).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("bad configuration: listeners[0].tls.key = \"" + other.key() + "\"",
        "this private key does not belong to the certificate in " + good.cert()).doesNotContain("\tat ");
  }

  @Test
  void anUnreadableCertificateStopsStartUpWithExitTwo() throws Exception {
    TestPki.PemPair good = ca.server("good").writeTo(dir, "good");
    Path garbage = Files.writeString(dir.resolve("garbage.crt"), "hello\n");

    assertThat(run("--config", config(garbage, good.key()).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("listeners[0].tls.cert = \"" + garbage + "\"", "-----BEGIN CERTIFICATE-----");
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
    TestPki.PemPair good = ca.server("good").writeTo(dir, "good");
    Path pkcs1 = Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    assertThat(run("--check-config", config(good.cert(), pkcs1).toString())).isEqualTo(2);
    assertThat(err.toString()).contains("listeners[0].tls.key", "RSA PRIVATE KEY is not supported",
        "openssl pkcs8 -topk8 -nocrypt");
  }
}
