package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerOverridesTest {
  private final ServerConfig twoListeners = ServerConfig.defaults().withListeners(List.of(
      new ListenerConfig("0.0.0.0", 7777, "length", "json"), new ListenerConfig("0.0.0.0", 7778, "line", "json")));

  @Test
  void hostAndPortReplaceOnlyTheFirstListener() {
    ServerConfig config = ListenerOverrides.apply(twoListeners, "::1", 0);

    assertThat(config.listeners()).containsExactly(
        new ListenerConfig("::1", 0, "length", "json"), new ListenerConfig("0.0.0.0", 7778, "line", "json"));
  }

  @Test
  void noOverrideLeavesTheConfigAlone() {
    assertThat(ListenerOverrides.apply(twoListeners, null, null)).isEqualTo(twoListeners);
  }

  @Test
  void portAloneKeepsTheHost() {
    assertThat(ListenerOverrides.apply(ServerConfig.defaults(), null, 9999).listeners())
        .containsExactly(new ListenerConfig("127.0.0.1", 9999, "length", "json"));
  }

  @Test
  void aBadHostOrPortIsNamedAsTheOption() {
    assertThatThrownBy(() -> ListenerOverrides.apply(twoListeners, "example.org", null))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("--host"))
        .hasMessageStartingWith("--host = \"example.org\": expected an IPv4 or IPv6 address literal");
    assertThatThrownBy(() -> ListenerOverrides.apply(twoListeners, null, 65536))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("--port"))
        .hasMessageStartingWith("--port = 65536: expected an integer from 0 to 65535");
  }
}
