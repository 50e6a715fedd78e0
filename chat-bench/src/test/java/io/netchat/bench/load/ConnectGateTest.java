package io.netchat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectGateTest {

  @Test
  void holdsAtMostItsLimitAndHandsAFreedSlotToADeferredStart() {
    ConnectGate gate = new ConnectGate(2);
    assertThat(gate.tryEnter()).isTrue();
    assertThat(gate.tryEnter()).isTrue();
    assertThat(gate.tryEnter()).as("third start deferred").isFalse();
    assertThat(gate.tryEnter()).as("fourth start deferred").isFalse();

    assertThat(gate.leave()).as("a deferred start takes the slot").isTrue();
    assertThat(gate.leave()).as("and the other one").isTrue();
    assertThat(gate.leave()).as("nothing deferred: the slot is free").isFalse();
    assertThat(gate.tryEnter()).isTrue();
    assertThat(gate.tryEnter()).as("two slots held again").isFalse();
  }

  @Test
  void needsAtLeastOneSlot() {
    assertThatThrownBy(() -> new ConnectGate(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
