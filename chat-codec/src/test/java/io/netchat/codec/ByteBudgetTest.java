package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ByteBudgetTest {
  @Test
  void anAcquisitionThatWouldPassTheLimitFailsAndTakesNothing() {
    ByteBudget budget = new ByteBudget(100);
    assertThat(budget.tryAcquire(60)).isTrue();
    assertThat(budget.tryAcquire(41)).isFalse();
    assertThat(budget.used()).isEqualTo(60);
    assertThat(budget.tryAcquire(40)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
    budget.release(100);
    assertThat(budget.used()).isZero();
  }

  @Test
  void anUnlimitedBudgetTakesAnything() {
    ByteBudget budget = ByteBudget.unlimited();
    assertThat(budget.tryAcquire(Long.MAX_VALUE - 1)).isTrue();
    assertThat(budget.tryAcquire(1)).isTrue();
    assertThat(budget.tryAcquire(1)).isFalse();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> new ByteBudget(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteBudget(10).tryAcquire(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteBudget(10).release(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentHoldersNeverPassTheLimitTogether() throws Exception {
    ByteBudget budget = new ByteBudget(1000);
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CompletableFuture.allOf(IntStream.range(0, 4).mapToObj(t -> CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 10_000; i++) {
          if (budget.tryAcquire(7)) {
            granted.incrementAndGet();
          }
        }
      }, pool)).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(granted.get()).isEqualTo(1000 / 7);
    assertThat(budget.used()).isEqualTo(1000 / 7 * 7);
  }
}
