package io.netchat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hashes run on the pool's threads, submitting never blocks an event loop (BlockHound is on), and a full pool refuses at once. */
class HashingPoolTest {

  @Test
  void anEventLoopSubmitsWithoutBlockingAndTheWorkRunsOnAHashingThread() throws Exception {
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (HashingPool pool = new HashingPool(2, 64)) {
      EventLoop loop = group.next();
      CompletableFuture<List<String>> threads = new CompletableFuture<>();
      loop.execute(() -> {
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          all.add(pool.submit(() -> Thread.currentThread().getName()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
            .thenRun(() -> threads.complete(all.stream().map(CompletableFuture::join).toList()));
      });
      assertThat(threads.get(30, TimeUnit.SECONDS)).hasSize(50).allMatch(name -> name.startsWith("netchat-hash-"));
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void aFullPoolRefusesAtOnceAndTakesWorkAgainWhenASlotFrees() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (HashingPool pool = new HashingPool(1, 1)) {
      CompletableFuture<String> running = pool.submit(() -> {
        await(release);
        return "first";
      });
      CompletableFuture<String> waiting = pool.submit(() -> "second");
      CompletableFuture<String> refused = pool.submit(() -> "third");
      assertThat(refused).isCompletedExceptionally();
      assertThat(refused.handle((v, e) -> e).join()).isInstanceOf(HashingPool.Full.class);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("second");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool.inFlight() == 0);
      assertThat(pool.submit(() -> "again").get(30, TimeUnit.SECONDS)).isEqualTo("again");
    }
  }

  @Test
  void aClosedPoolRefuses() {
    HashingPool pool = new HashingPool(1, 0);
    pool.close();
    assertThat(pool.submit(() -> "x")).isCompletedExceptionally();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
