package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The ledger exactly at its caps, and where a repeat's answer runs. */
class TxnLedgerBoundsTest {
  private static final Duration WINDOW = Duration.ofSeconds(300);

  @Test
  void theSmallestCapsAreAcceptedAndTheGlobalCapHoldsExactlyThatMany() {
    TxnLedger one = new TxnLedger(WINDOW, 1, 1, () -> 0L);
    assertThat(one.claim("s1", "t").first()).isTrue();
    assertThat(one.size()).isEqualTo(1);

    TxnLedger two = new TxnLedger(WINDOW, 1, 2, () -> 0L);
    two.claim("s1", "a");
    two.claim("s2", "b");
    assertThat(two.size()).as("at the cap, nothing pushed out").isEqualTo(2);
    assertThat(two.claim("s1", "a").first()).as("s1's txn is still remembered").isFalse();
    two.claim("s3", "c");
    assertThat(two.size()).as("one past the cap: the oldest goes").isEqualTo(2);
    assertThat(two.claim("s1", "a").first()).as("the oldest, s1's, went").isTrue();
  }

  @Test
  void aRepeatOfASettledTxnIsAnsweredAtOnceAndOfAPendingOneOnTheExecutorOnceSettled() {
    TxnLedger ledger = new TxnLedger(WINDOW, 4, 8, () -> 0L);
    Queue<Runnable> executor = new ArrayDeque<>();
    AtomicReference<TxnLedger.Sent> answered = new AtomicReference<>();

    TxnLedger.Claim pending = ledger.claim("s1", "t");
    ledger.claim("s1", "t").whenSettled(executor::add, (sent, failure) -> answered.set(sent));
    pending.settle(new TxnLedger.Sent(7L, "m7"));
    assertThat(answered.get()).as("not on the settling thread").isNull();
    executor.remove().run();
    assertThat(answered.get()).isEqualTo(new TxnLedger.Sent(7L, "m7"));

    answered.set(null);
    ledger.claim("s1", "t").whenSettled(executor::add, (sent, failure) -> answered.set(sent));
    assertThat(executor).as("settled already: nothing handed to the executor").isEmpty();
    assertThat(answered.get()).isEqualTo(new TxnLedger.Sent(7L, "m7"));
  }
}
