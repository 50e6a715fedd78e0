package io.netchat.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.ServerMain;
import io.netchat.server.auth.TestTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token key file is checked with the configuration: a bad one exits 2 naming it, never showing the secret. */
class TokenCheckConfigTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private int checkConfig(Path secretFile) throws Exception {
    Path config = Files.writeString(dir.resolve("server.yaml"),
        "listeners: [{port: 0}]\nstore: {type: memory}\nauth: {token: {secret_file: '" + secretFile + "'}}\n");
    return ServerMain.execute(new String[] {"--check-config", config.toString()}, new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  @Test
  void aGoodSecretFileChecks() throws Exception {
    assertThat(checkConfig(TestTokens.secretFile(dir))).as(err.toString()).isZero();
  }

  @Test
  void aShortSecretExitsTwoNamingTheKeyWithoutTheSecret() throws Exception {
    Path shortSecret = Files.writeString(dir.resolve("token.key"), "hunter2-is-short\n");

    assertThat(checkConfig(shortSecret)).isEqualTo(2);
    assertThat(err.toString()).contains("bad configuration: ", "auth.token.secret_file = \"" + shortSecret + "\"",
        "the secret is 16 bytes; HS256 needs at least 32").doesNotContain("hunter2").doesNotContain("\tat ");
  }
}
