package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code auth} section: defaults, every key over them, and refusals that name the key. */
class AuthSectionTest {
  private final ConfigLoader loader = new ConfigLoader(CodecRegistry.load());

  @Test
  void withoutAnAuthSectionGuestsMayLogInAndRegisterWithOwaspParameters() {
    AuthConfig auth = loader.parse("").server().auth();
    assertThat(auth).isEqualTo(AuthConfig.defaults());
    assertThat(auth.guests()).isTrue();
    assertThat(auth.registration()).isEqualTo(AuthConfig.Registration.OPEN);
    assertThat(auth.password()).isEqualTo(new PasswordConfig(19_456, 2, 1, 8));
  }

  @Test
  void everyKeyOverridesItsDefaultAndTheRestKeepTheirs() {
    AuthConfig auth = loader.parse("""
        auth:
          guests: false
          registration: closed
          password:
            memory_kib: 65536
            iterations: 3
          hashing:
            threads: 4
          login_throttle:
            base_delay: 2s
            max_tracked: 1000
        """).server().auth();
    assertThat(auth).isEqualTo(new AuthConfig(false, AuthConfig.Registration.CLOSED,
        new PasswordConfig(65_536, 3, 1, 8), new HashingConfig(4, 64),
        new LoginThrottleConfig(3, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(15), 1000),
        io.netchat.server.auth.TokenConfig.defaults()));
    assertThat(new HashingConfig(0, 1).threadsFor(8)).isEqualTo(4);
    assertThat(new HashingConfig(0, 1).threadsFor(1)).isEqualTo(1);
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> loader.parse("auth:\n  registration: invite\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.registration = \"invite\"");
    assertThatThrownBy(() -> loader.parse("auth:\n  password:\n    memory_kib: 4\n"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("auth.password.memory_kib = 4");
    assertThatThrownBy(() -> loader.parse("auth:\n  login_throttle:\n    base_delay: 10m\n"))
        .isInstanceOf(ConfigException.class).hasMessage("auth.login_throttle.max_delay = \"5m\": expected at least base_delay (10m)");
    assertThatThrownBy(() -> loader.parse("auth:\n  tokens: true\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key");
  }
}
