package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

  /** A send of {@code txn} that went out and got {@code sent}. */
  private static void record(TxnLedger ledger, String session, String txn, TxnLedger.Sent sent) {
    TxnLedger.Claim claim = ledger.claim(session, txn);
    assertThat(claim.first()).as("%s of %s is new", txn, session).isTrue();
    claim.settle(sent);
  }

  /** What {@code claim}'s answer is given once known: the sent, or the failure; null while pending. */
  private static Object answer(TxnLedger.Claim claim) {
    AtomicReference<Object> answer = new AtomicReference<>();
    claim.whenSettled(Runnable::run, (sent, failure) -> answer.set(failure == null ? sent : failure));
    return answer.get();
  }

  @Test
  void aRepeatWhileTheFirstSendIsPendingGetsItsOutcomeOnceSettled() {
    TxnLedger ledger = ledger(8, 64);
    TxnLedger.Claim first = ledger.claim("s1", "t");
    assertThat(first.first()).isTrue();
    TxnLedger.Claim repeat = ledger.claim("s1", "t");
    assertThat(repeat.first()).as("reserved at submit, before any outcome").isFalse();
    assertThat(ledger.find("s1", "t")).as("pending: nothing to answer from yet").isNull();
    AtomicReference<Object> later = new AtomicReference<>();
    CompletionStage<?> answered = repeat.whenSettled(Runnable::run, (sent, failure) -> later.set(sent));
    assertThat(answered.toCompletableFuture()).isNotDone();

    first.settle(sent(7));
    assertThat(later.get()).isEqualTo(sent(7));
    assertThat(answered.toCompletableFuture()).isDone();
    assertThat(answer(ledger.claim("s1", "t"))).isEqualTo(sent(7));
    assertThat(ledger.claim("s2", "t").first()).as("another session's txn").isTrue();
  }

  @Test
  void aRefusedFirstSendFailsTheWaitingRepeatsAndFreesTheTxn() {
    TxnLedger ledger = ledger(8, 64);
    TxnLedger.Claim first = ledger.claim("s1", "t");
    TxnLedger.Claim repeat = ledger.claim("s1", "t");
    IllegalStateException refused = new IllegalStateException("disk");
    first.fail(refused);
    assertThat(answer(repeat)).isSameAs(refused);
    TxnLedger.Claim again = ledger.claim("s1", "t");
    assertThat(again.first()).as("the txn may be sent anew").isTrue();
    again.settle(sent(8));
    assertThat(ledger.find("s1", "t")).isEqualTo(sent(8));
  }

  @Test
  void aRepeatGetsTheCauseOfAFailureTheStoreWrappedButAWrapperWithoutCauseAsItIs() {
    TxnLedger ledger = ledger(8, 64);
    TxnLedger.Claim first = ledger.claim("s1", "t");
    TxnLedger.Claim repeat = ledger.claim("s1", "t");
    IllegalStateException disk = new IllegalStateException("disk");
    first.fail(new java.util.concurrent.CompletionException(disk));
    assertThat(answer(repeat)).isSameAs(disk);

    TxnLedger.Claim again = ledger.claim("s1", "t");
    TxnLedger.Claim againRepeat = ledger.claim("s1", "t");
    java.util.concurrent.CompletionException bare = new java.util.concurrent.CompletionException("no cause", null);
    again.fail(bare);
    assertThat(answer(againRepeat)).isSameAs(bare);
  }

  @Test
  void aTxnIsFoundForItsOwnSessionOnlyAndWithinTheWindow() {
    TxnLedger ledger = ledger(8, 64);
    record(ledger, "s1", "t", sent(7));
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
      record(ledger, "s1", "t" + i, sent(i));
    }
    assertThat(ledger.find("s1", "t1")).isNull();
    assertThat(ledger.find("s1", "t2")).isNull();
    assertThat(ledger.find("s1", "t3")).isEqualTo(sent(3));
    assertThat(ledger.find("s1", "t5")).isEqualTo(sent(5));
  }

  @Test
  void hostileSessionsCannotGrowTheLedgerPastItsGlobalCap() {
    TxnLedger ledger = ledger(100, 1000);
    record(ledger, "victim", "mine", sent(1));
    for (int session = 0; session < 50; session++) {
      for (int i = 0; i < 5000; i++) {
        record(ledger, "attacker-" + session, "t" + i, sent(i));
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
      record(ledger, "s" + i, "t", sent(i));
    }
    nanos.addAndGet(Duration.ofSeconds(301).toNanos());
    for (int i = 0; i < 50; i++) {
      record(ledger, "fresh", "t" + i, sent(i));
    }
    assertThat(ledger.size()).as("each record drops up to two expired heads").isEqualTo(50);
    assertThat(ledger.sessions()).isEqualTo(1);
  }

  @Test
  void eachClaimDropsAtMostTwoExpiredHeads() {
    TxnLedger ledger = ledger(100, 1000);
    for (int i = 0; i < 4; i++) {
      record(ledger, "s" + i, "t", sent(i));
    }
    nanos.addAndGet(Duration.ofSeconds(301).toNanos());

    record(ledger, "fresh", "t", sent(9));

    assertThat(ledger.size()).as("four expired and one new, two of the expired dropped").isEqualTo(3);
  }

  @Test
  void anEntryHoldsNoMoreHeapThanTheMemoryPlanAllowsForIt() {
    int count = 20_000;
    TxnLedger ledger = ledger(1024, count);
    String[] txns = new String[count];
    for (int i = 0; i < count; i++) {
      txns[i] = String.format("%064d", i); // a longest txn, made before the count
    }
    String[] sessions = new String[200];
    for (int i = 0; i < sessions.length; i++) {
      sessions[i] = "session-" + i;
    }
    record(ledger, "warm-up", "w", sent(1)); // loads the classes outside the count
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < count - 1; i++) {
      ledger.claim(sessions[i % sessions.length], txns[i]).settle(new TxnLedger.Sent((long) i + 1000, "shared-msgid"));
    }
    long perEntry = (threads.getThreadAllocatedBytes(thread) - before) / (count - 1);
    long txnString = 24 + 16 + 64; // String and its byte[]: the ledger keeps the client's txn alive

    assertThat(perEntry + txnString).as("%d B allocated per entry, plus its txn", perEntry)
        .isLessThanOrEqualTo(TxnLedger.ENTRY_BYTES);
    assertThat((long) TxnLedger.ENTRIES_PER_CONNECTION * TxnLedger.ENTRY_BYTES)
        .as("a connection's share of the ledger within its 8 KiB, next to its measured 2.5 KiB")
        .isLessThanOrEqualTo(4 * 1024);
    assertThat(TxnLedger.globalCap(10_000)).isEqualTo(80_000);
    assertThat(TxnLedger.globalCap(1)).isEqualTo(TxnLedger.DEFAULT_PER_SESSION);
  }
}
