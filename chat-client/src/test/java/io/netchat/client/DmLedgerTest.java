package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the client is in its account's dm stream, and which dms it has delivered (§18.5). */
class DmLedgerTest {
  private static final Instant TS = Instant.parse("2026-03-01T09:30:00.250Z");

  private static ServerMessage.Dm dm(String msgid, Long seq, String epoch) {
    return new ServerMessage.Dm("bob", "ann", "hi", TS, msgid, null, null, null, seq, epoch);
  }

  @Test
  void theFirstResumeOnlyLearnsWhereTheStreamStandsAndLaterOnesStartAfterTheLastDelivered() {
    DmLedger ledger = new DmLedger();
    assertThat(ledger.resume("1")).isEqualTo(new ClientMessage.Dms("1", null, null));
    ledger.onStream(new ServerMessage.DmStream("E", 7, false, "1"));
    assertThat(ledger.accept(dm("m7", 7L, "E"))).as("the first answer's replay is the past").isFalse();
    assertThat(ledger.accept(dm("m8", 8L, "E"))).isTrue();
    assertThat(ledger.accept(dm("m8", 8L, "E"))).as("twice").isFalse();
    assertThat(ledger.resume("2")).isEqualTo(new ClientMessage.Dms("2", 8L, "E"));
  }

  @Test
  void anotherEpochDeliversItsReplayAndADmSeenOutsideTheStreamIsNotDeliveredAgain() {
    DmLedger ledger = new DmLedger();
    ledger.onStream(new ServerMessage.DmStream("E", 3, false, "1"));
    assertThat(ledger.accept(new ServerMessage.Dm("bob", "ann", "kept", TS, "k1", null, true))).isTrue();
    ledger.onStream(new ServerMessage.DmStream("F", 2, false, "2"));
    assertThat(ledger.accept(dm("k1", 1L, "F"))).as("delivered before, as a kept dm").isFalse();
    assertThat(ledger.accept(dm("m2", 2L, "F"))).isTrue();
    assertThat(ledger.epoch()).isEqualTo("F");
    assertThat(ledger.lastSeq()).isEqualTo(2);
  }
}
