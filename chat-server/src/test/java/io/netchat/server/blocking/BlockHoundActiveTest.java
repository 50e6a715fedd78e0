package io.netchat.server.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves that BlockHound guards every test in this module: parking a Netty event loop thread is
 * reported as an error. So when the other tests pass, nothing in them blocked an event loop.
 */
class BlockHoundActiveTest {
  @Test
  void blockingOnAnEventLoopIsDetected() throws Exception {
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Future<?> blocking = group.submit(() -> {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a deliberate blocking call
        return null;
      });
      Throwable failure = null;
      try {
        blocking.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getClass().getName()).isEqualTo("reactor.blockhound.BlockingOperationError");
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
