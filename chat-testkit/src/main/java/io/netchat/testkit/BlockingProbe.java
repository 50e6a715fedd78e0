package io.netchat.testkit;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocks a Netty event loop on purpose, so a module's test can prove that BlockHound watches it:
 * with BlockHound installed the blocking call fails with its {@code BlockingOperationError}.
 */
public final class BlockingProbe {
  /** The error BlockHound throws on a blocking call from a non-blocking thread. */
  public static final String BLOCKHOUND_ERROR = "reactor.blockhound.BlockingOperationError";

  private BlockingProbe() {}

  /** Parks an event-loop thread for a millisecond; returns what that call threw, or {@code null}. */
  public static Throwable blockAnEventLoop() throws InterruptedException, TimeoutException {
    MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Future<?> blocking = group.submit(() -> {
        LockSupport.parkNanos(1_000_000);
        return null;
      });
      try {
        blocking.get(10, TimeUnit.SECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      }
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
