package io.netchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Transport;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The config records check themselves, whether built by the loader or in code. */
class ConfigRecordsTest {

  @Test
  void everySectionHasDefaultsSoThatALeftOutKeyTakesThem() {
    Set<Class<?>> records = sectionsBelow(DaemonConfig.class);

    assertThat(records).contains(ServerConfig.class, ListenerConfig.class, LimitsConfig.class, TimeoutsConfig.class,
        LoggingConfig.class);
    assertThat(records).allSatisfy(record -> assertThat(RecordDefaults.defaultsOf(record))
        .as("%s.defaults()", record.getSimpleName()).isNotNull());
  }

  @Test
  void aBuilderChecksLikeTheFile() {
    assertThatThrownBy(() -> LimitsConfig.builder().burst(0).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("burst"))
        .hasMessage("burst = 0: expected a positive integer");
    assertThatThrownBy(() -> LimitsConfig.builder().outboundHighWaterMark(10).outboundLowWaterMark(11).build())
        .hasMessage("outbound_low_water_mark = 11: must not exceed limits.outbound_high_water_mark (10)");
    assertThatThrownBy(() -> TimeoutsConfig.defaults().withPong(Duration.ZERO))
        .hasMessageStartingWith("pong = \"0s\": expected a positive duration");
    assertThatThrownBy(() -> ServerConfig.defaults().withListeners(List.of()))
        .hasMessageStartingWith("listeners = []: expected a list of at least one mapping");
    assertThatThrownBy(() -> ServerConfig.defaults().withTransport(Transport.NIO, -1))
        .hasMessage("io_threads = -1: expected an integer of at least 0");
  }

  @Test
  void aBuilderChangesOnlyWhatItNames() {
    LimitsConfig limits = LimitsConfig.builder().burst(7).build();

    assertThat(limits.burst()).isEqualTo(7);
    assertThat(limits.toBuilder().burst(LimitsConfig.DEFAULT_BURST).build()).isEqualTo(LimitsConfig.defaults());
  }

  @Test
  void aListenerHostIsKeptWithoutBrackets() {
    assertThat(ListenerConfig.defaults().withHost("[::1]").host()).isEqualTo("::1");
  }

  @Test
  void anEmptyKeyInAListenerTakesItsDefault() {
    DaemonConfig config = new ConfigLoader(CodecRegistry.load()).parse("listeners: [{port: 9000, codec: , framing: }]");

    assertThat(config.server().listeners()).containsExactly(ListenerConfig.defaults().withPort(9000));
  }

  @Test
  void theFileIsLaidOverTheDefaultsKeyByKey() {
    DaemonConfig config = new ConfigLoader(CodecRegistry.load()).parse("limits: {burst: 7}\ntimeouts:\n  idle: 2m\n");

    assertThat(config).isEqualTo(DaemonConfig.defaults().withServer(ServerConfig.defaults()
        .withLimits(LimitsConfig.builder().burst(7).build())
        .withTimeouts(TimeoutsConfig.defaults().withIdle(Duration.ofMinutes(2)))));
  }

  private static Set<Class<?>> sectionsBelow(Class<?> root) {
    Set<Class<?>> found = new LinkedHashSet<>();
    Deque<Class<?>> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      Class<?> record = pending.pop();
      if (found.add(record)) {
        for (RecordComponent component : record.getRecordComponents()) {
          Class<?> type = component.getGenericType() instanceof ParameterizedType list
              ? (Class<?>) list.getActualTypeArguments()[0] : component.getType();
          if (type.isRecord()) {
            pending.push(type);
          }
        }
      }
    }
    return found;
  }
}
