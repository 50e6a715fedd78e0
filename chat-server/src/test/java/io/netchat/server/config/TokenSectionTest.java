package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.server.auth.TokenConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auth.token} binds to {@link TokenConfig} over its defaults; a bad value names its key path. */
class TokenSectionTest {
  private final ConfigLoader loader = new ConfigLoader(CodecRegistry.load());

  @Test
  void withoutAnAuthSectionNoTokenIsAccepted() {
    assertThat(loader.parse("").server().auth()).isEqualTo(AuthConfig.defaults());
    assertThat(AuthConfig.defaults().token().enabled()).isFalse();
  }

  @Test
  void everyKeyOverridesItsDefault() {
    TokenConfig token = loader.parse("""
        auth:
          token:
            jwks_file: /etc/netchat/jwks.json
            algorithms: [RS256, ES256]
            clock_skew: 10s
            rooms_claim: chat_rooms
            issuer: https://app.example
            audience: netchat
            verify_threads: 2
        """).server().auth().token();

    assertThat(token).isEqualTo(new TokenConfig(null, null, "/etc/netchat/jwks.json", List.of("RS256", "ES256"),
        Duration.ofSeconds(10), "chat_rooms", "https://app.example", "netchat", 2));
    assertThat(token.enabled()).isTrue();
  }

  @Test
  void aSecretFileAloneTakesTheDefaults() {
    TokenConfig token = loader.parse("auth: {token: {secret_file: /etc/netchat/token.key}}").server().auth().token();

    assertThat(token).isEqualTo(TokenConfig.defaults().withKeys("/etc/netchat/token.key", null, null));
    assertThat(token.clockSkew()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aBadValueNamesItsKeyPath() {
    assertThatThrownBy(() -> loader.parse("auth: {token: {secret_file: s, algorithms: [none]}}"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.token.algorithms = \"none\"");
    assertThatThrownBy(() -> loader.parse("auth: {token: {secret_file: s, public_key_file: k}}"))
        .hasMessageStartingWith("auth.token.secret_file");
    assertThatThrownBy(() -> loader.parse("auth: {token: {verify_threads: 0}}"))
        .hasMessageStartingWith("auth.token.verify_threads = 0");
    assertThatThrownBy(() -> loader.parse("auth: {token: {secret: inline}}"))
        .hasMessageContaining("auth.token.secret");
  }
}
