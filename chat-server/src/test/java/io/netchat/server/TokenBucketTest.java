package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Flood control by the numbers: the burst, the refill rate, the cap, on an arbitrary clock origin. */
class TokenBucketTest {
  private static final long START = TimeUnit.DAYS.toNanos(3);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void startsFullAndAllowsExactlyTheBurstAtOnce() {
    TokenBucket bucket = new TokenBucket(5, 3, START);

    assertThat(taken(bucket, START, 4)).isEqualTo(3);
  }

  @Test
  void aBurstOfOneAllowsOne() {
    TokenBucket bucket = new TokenBucket(1, 1, START);

    assertThat(bucket.tryTake(START)).isTrue();
    assertThat(bucket.tryTake(START)).isFalse();
  }

  @Test
  void refillsOneTokenPerRateInterval() {
    TokenBucket bucket = new TokenBucket(4, 2, START);
    assertThat(taken(bucket, START, 2)).isEqualTo(2);

    long interval = TimeUnit.SECONDS.toNanos(1) / 4;
    assertThat(bucket.tryTake(START + interval - MS)).as("just before a token is due").isFalse();
    assertThat(bucket.tryTake(START + interval + MS)).as("just after").isTrue();
    assertThat(bucket.tryTake(START + interval + MS)).as("only one was due").isFalse();
  }

  @Test
  void aRefusalSaysWhenTheNextTokenIsDue() {
    TokenBucket bucket = new TokenBucket(4, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();
    assertThat(bucket.tryTake(START)).isFalse();

    long interval = TimeUnit.SECONDS.toNanos(1) / 4;
    assertThat(bucket.nanosUntilToken(START)).isEqualTo(interval);
    assertThat(bucket.nanosUntilToken(START + 100 * MS)).isEqualTo(interval - 100 * MS);
    assertThat(bucket.nanosUntilToken(START + interval)).as("due now").isZero();
    long due = START + bucket.nanosUntilToken(START);
    assertThat(bucket.tryTake(due)).as("a command sent when told is taken").isTrue();
  }

  @Test
  void partialRefillsAddUp() {
    TokenBucket bucket = new TokenBucket(10, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();

    long half = TimeUnit.MILLISECONDS.toNanos(50);
    assertThat(bucket.tryTake(START + half)).isFalse();
    assertThat(bucket.tryTake(START + 2 * half + MS)).as("two half intervals make a token").isTrue();
  }

  @Test
  void aLongSilenceRefillsNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(100, 3, START);
    assertThat(taken(bucket, START, 3)).isEqualTo(3);

    long later = START + TimeUnit.HOURS.toNanos(1);
    assertThat(taken(bucket, later, 10)).isEqualTo(3);
  }

  @Test
  void aRefusedTryTakesNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake(START + i * MS)).isFalse();
    }

    assertThat(bucket.tryTake(START + TimeUnit.SECONDS.toNanos(1) + MS)).as("refused tries cost no tokens").isTrue();
  }

  private static int taken(TokenBucket bucket, long now, int tries) {
    int taken = 0;
    for (int i = 0; i < tries; i++) {
      if (bucket.tryTake(now)) {
        taken++;
      }
    }
    return taken;
  }
}
