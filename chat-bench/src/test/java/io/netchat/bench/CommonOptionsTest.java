package io.netchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.bench.scenario.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --target}, {@code --protocol} and {@code --tls} name the servers a run measures. */
class CommonOptionsTest {

  private static List<Target> targets(String... args) {
    return CommandLine.populateCommand(new CommonOptions(), args).settings().targets();
  }

  @Test
  void bothIsNetchatAndTheBaselineAndTlsGoesRightAfterNetchat() {
    assertThat(targets()).containsExactly(Target.NETCHAT, Target.BASELINE);
    assertThat(targets("--tls")).containsExactly(Target.NETCHAT, Target.NETCHAT_TLS, Target.BASELINE);
    assertThat(targets("--target", "baseline")).containsExactly(Target.BASELINE);
  }

  @Test
  void aCommaListNamesSeveralTargetsInOrderForOneRun() {
    assertThat(targets("--target", "netchat,netchat-irc,ngircd"))
        .containsExactly(Target.NETCHAT, Target.NETCHAT_IRC, Target.NGIRCD);
    assertThat(targets("--target", "ngircd")).containsExactly(Target.NGIRCD);
  }

  @Test
  void protocolIrcMeasuresNetchatOnItsIrcListener() {
    assertThat(targets("--target", "netchat", "--protocol", "irc")).containsExactly(Target.NETCHAT_IRC);
    assertThat(targets("--target", "netchat,ngircd", "--protocol", "irc"))
        .containsExactly(Target.NETCHAT_IRC, Target.NGIRCD);
    assertThat(Target.NETCHAT_IRC.isNetchat()).isTrue();
    assertThat(Target.NGIRCD.isNetchat()).isFalse();
  }

  @Test
  void refusesWhatCannotSpeakIrcAndUnknownNames() {
    assertThatThrownBy(() -> targets("--protocol", "irc")).hasMessageContaining("baseline cannot be spoken to in IRC");
    assertThatThrownBy(() -> targets("--protocol", "xml")).hasMessageContaining("--protocol must be netchat or irc");
    assertThatThrownBy(() -> targets("--target", "inspircd")).hasMessageContaining("unknown target 'inspircd'")
        .hasMessageContaining("ngircd");
  }

  @Test
  void theNgircdBinaryDefaultsToDebiansPath() {
    assertThat(CommandLine.populateCommand(new CommonOptions()).settings().ngircd())
        .isEqualTo(Path.of("/usr/sbin/ngircd"));
  }
}
