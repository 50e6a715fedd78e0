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
 */
public record IoUringTuning(int ringSize, int maxWorkers) {
  /** System property for {@link #ringSize()}. */
  public static final String RING_SIZE = "netchat.io_uring.ring_size";
  /** System property for {@link #maxWorkers()}. */
  public static final String MAX_WORKERS = "netchat.io_uring.max_workers";
  /** Netty's own default submission-queue size. */
  public static final int DEFAULT_RING_SIZE = 128;
  /** Default io-wq workers: the kernel's own limit. */
  public static final int DEFAULT_MAX_WORKERS = 0;

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
    return new IoUringTuning(Integer.getInteger(RING_SIZE, DEFAULT_RING_SIZE),
        Integer.getInteger(MAX_WORKERS, DEFAULT_MAX_WORKERS));
  }

  /** Netty's handler factory for rings set up this way. */
  public IoHandlerFactory handlerFactory() {
    IoUringIoHandlerConfig config = new IoUringIoHandlerConfig().setRingSize(ringSize);
    if (maxWorkers > 0) {
      config.setMaxBoundedWorker(maxWorkers).setMaxUnboundedWorker(maxWorkers);
    }
    return IoUringIoHandler.newFactory(config);
  }
}
