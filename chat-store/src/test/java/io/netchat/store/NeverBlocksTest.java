package io.netchat.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.testkit.BlockingProbe;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every call of the seam, made from a Netty event loop under BlockHound — including the refusals
 * of a full queue — returns without blocking; answers hop back to the loop as a room will do.
 */
class NeverBlocksTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static MultiThreadIoEventLoopGroup group;

  @TempDir
  Path dir;

  @BeforeAll
  static void startLoop() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoop() {
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void blockHoundWatchesEventLoopsInThisModule() throws Exception {
    Throwable failure = BlockingProbe.blockAnEventLoop();
    assertThat(failure).isNotNull();
    assertThat(failure.getClass().getName()).isEqualTo(BlockingProbe.BLOCKHOUND_ERROR);
  }

  enum Kind { MEMORY_COMMIT, SQLITE_COMMIT, SQLITE_ASYNC }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyCallFromAnEventLoopReturnsWithoutBlocking(Kind kind) throws Exception {
    StoreConfig config = new StoreConfig(
        kind == Kind.MEMORY_COMMIT ? StoreConfig.Type.MEMORY : StoreConfig.Type.SQLITE,
        kind == Kind.SQLITE_ASYNC ? StoreConfig.Durability.ASYNC : StoreConfig.Durability.COMMIT,
        dir, 16, StoreConfig.DEFAULT_RETENTION);
    EventLoop loop = group.next();
    try (ChatStore store = Stores.open(config)) {
      CompletableFuture<List<Long>> seqs = new CompletableFuture<>();
      CompletableFuture<Boolean> refused = new CompletableFuture<>();
      loop.execute(() -> store.openRoom("r", "r", T0).thenAcceptAsync(state -> {
        try {
          assertThat(loop.inEventLoop()).isTrue();
          List<CompletableFuture<Long>> appends = new ArrayList<>();
          appends.add(store.appendTopic("r", "t", "ann", T0));
          boolean sawFull = false;
          for (int i = 0; i < 2000 && !sawFull; i++) { // a queue of 16 fills unless the store is memory
            CompletableFuture<Long> f = store.append("r", "ann", "m" + i, T0);
            sawFull = f.isCompletedExceptionally();
            if (!sawFull) {
              appends.add(f);
            }
          }
          refused.complete(sawFull);
          store.readAfter("r", 0, 10);
          store.readBefore("r", 5, 10, ChatStore.Select.EVENTS);
          CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
              .thenRunAsync(() -> seqs.complete(appends.stream().map(CompletableFuture::join).toList()), loop);
        } catch (Throwable t) {
          seqs.completeExceptionally(t);
          refused.completeExceptionally(t);
        }
      }, loop).exceptionally(t -> {
        seqs.completeExceptionally(t);
        return null;
      }));
      List<Long> got = seqs.get(60, TimeUnit.SECONDS);
      assertThat(got).isNotEmpty();
      assertThat(got.get(got.size() - 1)).isEqualTo(got.size());
      assertThat(refused.get(60, TimeUnit.SECONDS)).isEqualTo(kind != Kind.MEMORY_COMMIT);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyAccountCallFromAnEventLoopReturnsWithoutBlocking(Kind kind) throws Exception {
    StoreConfig config = new StoreConfig(
        kind == Kind.MEMORY_COMMIT ? StoreConfig.Type.MEMORY : StoreConfig.Type.SQLITE,
        kind == Kind.SQLITE_ASYNC ? StoreConfig.Durability.ASYNC : StoreConfig.Durability.COMMIT,
        dir, 16, StoreConfig.DEFAULT_RETENTION);
    EventLoop loop = group.next();
    try (ChatStore store = Stores.open(config)) {
      AccountStore accounts = store.accounts();
      CompletableFuture<StoredAccount> found = new CompletableFuture<>();
      CompletableFuture<Boolean> refused = new CompletableFuture<>();
      loop.execute(() -> {
        try {
          accounts.create(new StoredAccount("ann", "ann", "h", T0, null));
          accounts.changePasswordHash("ann", "h", "h2");
          accounts.seen("ann", T0);
          boolean sawFull = false;
          for (int i = 0; i < 2000 && !sawFull; i++) { // a queue of 16 fills unless the store is memory
            sawFull = accounts.find("ann").isCompletedExceptionally();
          }
          refused.complete(sawFull);
          accounts.find("ann").whenCompleteAsync((account, failure) -> {
            if (failure != null) {
              found.completeExceptionally(failure);
            } else {
              found.complete(account);
            }
          }, loop);
        } catch (Throwable t) {
          found.completeExceptionally(t);
          refused.completeExceptionally(t);
        }
      });
      assertThat(refused.get(60, TimeUnit.SECONDS)).isEqualTo(kind != Kind.MEMORY_COMMIT);
      try {
        assertThat(found.get(60, TimeUnit.SECONDS).passwordHash()).isEqualTo("h2");
      } catch (java.util.concurrent.ExecutionException e) {
        // the last find may meet the full queue too: then it must say so, typed
        assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class);
      }
    }
  }
}
