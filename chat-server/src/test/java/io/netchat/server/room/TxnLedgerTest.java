package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The retry ledger: answers a repeated txn within the window, per session, and stays bounded. */
class TxnLedgerTest {
  private final AtomicLong nanos = new AtomicLong(1_000);

  private TxnLedger ledger(int perSession, int global) {
    return new TxnLedger(Duration.ofSeconds(300), perSession, global, nanos::get);
  }

  private static TxnLedger.Sent sent(long seq) {
    return new TxnLedger.Sent(seq, "m" + seq);
  }

  @Test
  void aTxnIsFoundForItsOwnSessionOnlyAndWithinTheWindow() {
    TxnLedger ledger = ledger(8, 64);
    ledger.record("s1", "t", sent(7));
    assertThat(ledger.find("s1", "t")).isEqualTo(sent(7));
    assertThat(ledger.find("s2", "t")).as("another session's txn").isNull();
    assertThat(ledger.find("s1", "u")).isNull();

    nanos.addAndGet(Duration.ofSeconds(300).toNanos() - 1);
    assertThat(ledger.find("s1", "t")).as("one nanosecond before the window ends").isEqualTo(sent(7));
    nanos.incrementAndGet();
    assertThat(ledger.find("s1", "t")).as("the window is over").isNull();
  }

  @Test
  void aSessionHoldsAtMostItsCapAndLosesItsOldestFirst() {
    TxnLedger ledger = ledger(3, 64);
    for (int i = 1; i <= 5; i++) {
      ledger.record("s1", "t" + i, sent(i));
    }
    assertThat(ledger.find("s1", "t1")).isNull();
    assertThat(ledger.find("s1", "t2")).isNull();
    assertThat(ledger.find("s1", "t3")).isEqualTo(sent(3));
    assertThat(ledger.find("s1", "t5")).isEqualTo(sent(5));
  }

  @Test
  void hostileSessionsCannotGrowTheLedgerPastItsGlobalCap() {
    TxnLedger ledger = ledger(100, 1000);
    ledger.record("victim", "mine", sent(1));
    for (int session = 0; session < 50; session++) {
      for (int i = 0; i < 5000; i++) {
        ledger.record("attacker-" + session, "t" + i, sent(i));
        assertThat(ledger.size()).isLessThanOrEqualTo(1000);
      }
    }
    assertThat(ledger.size()).isEqualTo(1000);
    assertThat(ledger.sessions()).as("sessions with nothing left are unlinked").isEqualTo(1);
    assertThat(ledger.find("victim", "mine")).as("the oldest entry of the server went first").isNull();
    assertThat(ledger.find("attacker-49", "t4999")).isEqualTo(sent(4999));
  }

  @Test
  void expiredEntriesAreDroppedAsNewOnesArrive() {
    TxnLedger ledger = ledger(100, 1000);
    for (int i = 0; i < 100; i++) {
      ledger.record("s" + i, "t", sent(i));
    }
    nanos.addAndGet(Duration.ofSeconds(301).toNanos());
    for (int i = 0; i < 50; i++) {
      ledger.record("fresh", "t" + i, sent(i));
    }
    assertThat(ledger.size()).as("each record drops up to two expired heads").isEqualTo(50);
    assertThat(ledger.sessions()).isEqualTo(1);
  }
}
