package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "0s, PT0S", "90 s, PT1M30S"})
  void parsesAWholeNumberWithAUnit(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "s", "1.5s", "-1s", "5 minutes", "PT30S", "1w", ""})
  void rejectsAnythingElse(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "1500ms", "30s", "90s", "5m", "1h", "3d", "0s"})
  void formatsBackToTheShortestForm(String text) {
    assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 minutes"})
  void requireNamesTheTextAndTheForm(String text) {
    assertThatThrownBy(() -> Durations.require(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a duration: '" + text + "'; expected " + Durations.FORM);
  }
}
