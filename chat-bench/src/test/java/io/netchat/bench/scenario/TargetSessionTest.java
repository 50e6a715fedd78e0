package io.netchat.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TargetSessionTest {

  @Test
  void aNetchatThatExitedOverItsIrcListenerIsSaidPlainly() {
    IOException exited = new IOException("netchat exited; last output:\nnetchat-server: bad configuration: x.yaml:"
        + " listeners[0].framing = \"irc\": expected one of length, line");
    IOException explained = TargetSession.explainIrcRefusal(exited);
    assertThat(explained.getMessage())
        .startsWith("netchat refused its IRC listener (framing: irc, codec: irc): this server jar has no IRC listener")
        .contains("listeners[0].framing = \"irc\"");
    assertThat(explained.getCause()).isSameAs(exited);
  }

  @Test
  void otherFailuresAreLeftAsTheyAre() {
    IOException timeout = new IOException("netchat was not ready within PT30S; last output:\nirc listener on 6667");
    assertThat(TargetSession.explainIrcRefusal(timeout)).isSameAs(timeout);
    IOException other = new IOException("netchat exited; last output:\nAddress already in use");
    assertThat(TargetSession.explainIrcRefusal(other)).isSameAs(other);
  }
}
