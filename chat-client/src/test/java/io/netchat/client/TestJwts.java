package io.netchat.client;

import io.netchat.server.config.AuthConfig;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 tokens as an application signs them, and a server that takes them: for the client's token tests. */
public final class TestJwts {
  /** The shared secret: 48 bytes. */
  public static final String SECRET = "client-test-secret-0123456789abcdefghijklmnopqrs";

  private TestJwts() {}

  /** An HS256 token for {@code sub} that expires at {@code exp}. */
  public static String hs256(String sub, Instant exp) {
    String input = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
        + part("{\"sub\":\"" + sub + "\",\"exp\":" + exp.getEpochSecond() + "}");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return input + "." + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code config} taking HS256 tokens signed with {@link #SECRET} (written to {@code dir}), without clock skew. */
  public static ServerConfig acceptingTokens(ServerConfig config, Path dir) {
    try {
      Path secret = Files.writeString(dir.resolve("token-secret"), SECRET + "\n");
      return config.withAuth(AuthConfig.defaults().withToken(TokenConfig.secret(secret).withClockSkew(Duration.ZERO)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
