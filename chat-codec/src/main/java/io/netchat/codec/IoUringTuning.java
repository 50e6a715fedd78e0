package io.netchat.codec;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;

/**
 * The io_uring ring of one event loop: its submission-queue size and the most io-wq worker
 * threads the kernel may start for it. Defaults, and why, are in {@code docs/benchmarks.md}
 * ("io_uring"); the system properties {@value #RING_SIZE} and {@value #MAX_WORKERS} override them.
 *
 * @param ringSize submission-queue entries (a power of two)
 * @param maxWorkers most bounded and unbounded io-wq workers each; 0 leaves the kernel's limit
 * @param singleIssuer whether the ring is set up for one submitting thread, which also makes Netty
 *     ask for {@code IORING_SETUP_DEFER_TASKRUN}: completions that waited for a socket (a receive,
 *     a send that found the buffer full) then surface only when the loop waits for completions,
 *     which a loop busy with a fan-out rarely does
 */
public record IoUringTuning(int ringSize, int maxWorkers, boolean singleIssuer) {
  /** System property for {@link #ringSize()}. */
  public static final String RING_SIZE = "netchat.io_uring.ring_size";
  /** System property for {@link #maxWorkers()}. */
  public static final String MAX_WORKERS = "netchat.io_uring.max_workers";
  /** System property for {@link #singleIssuer()}. */
  public static final String SINGLE_ISSUER = "netchat.io_uring.single_issuer";
  /**
   * Default submission-queue entries: 4096, so the completion queue (twice that) holds a broadcast's
   * completions. With Netty's own default of 128 (a completion queue of 256) one flush pass of a
   * 1,000-member room completes ~1,000 sends before the loop drains the queue, so most completions
   * go to the kernel's overflow list, and the sends need eight {@code io_uring_enter} calls instead
   * of one (docs/benchmarks.md, "io_uring against epoll").
   */
  public static final int DEFAULT_RING_SIZE = 4096;
  /** Default io-wq workers: the kernel's own limit. */
  public static final int DEFAULT_MAX_WORKERS = 0;
  /**
   * Default: not single issuer, so no deferred task work. With Netty's default (single issuer,
   * {@code DEFER_TASKRUN}) a busy fan-out loop starved its publishers' receives until it ran dry;
   * without, every io_uring run delivered everything (docs/benchmarks.md, "io_uring against epoll").
   */
  public static final boolean DEFAULT_SINGLE_ISSUER = false;

  public IoUringTuning {
    if (ringSize < 1 || Integer.bitCount(ringSize) != 1) {
      throw new IllegalArgumentException(RING_SIZE + " must be a power of two: " + ringSize);
    }
    if (maxWorkers < 0) {
      throw new IllegalArgumentException(MAX_WORKERS + " must be >= 0: " + maxWorkers);
    }
  }

  /** The defaults, overridden by the system properties where set. */
  public static IoUringTuning fromSystemProperties() {
    String singleIssuer = System.getProperty(SINGLE_ISSUER);
    return new IoUringTuning(Integer.getInteger(RING_SIZE, DEFAULT_RING_SIZE),
        Integer.getInteger(MAX_WORKERS, DEFAULT_MAX_WORKERS),
        singleIssuer == null ? DEFAULT_SINGLE_ISSUER : Boolean.parseBoolean(singleIssuer));
  }

  /** Netty's handler factory for rings set up this way. */
  public IoHandlerFactory handlerFactory() {
    IoUringIoHandlerConfig config = new IoUringIoHandlerConfig().setRingSize(ringSize).setSingleIssuer(singleIssuer);
    if (maxWorkers > 0) {
      config.setMaxBoundedWorker(maxWorkers).setMaxUnboundedWorker(maxWorkers);
    }
    return IoUringIoHandler.newFactory(config);
  }
}
