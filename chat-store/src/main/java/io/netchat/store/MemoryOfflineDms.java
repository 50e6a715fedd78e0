package io.netchat.store;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Offline dms in the heap, until the process ends (the {@code memory} store). Every future is
 * complete when returned. Besides the bound per account, at most {@code maxTotal} are kept for all
 * accounts together: past that, {@code keep} fails with {@link StoreUnavailableException} rather
 * than grow the heap.
 */
public final class MemoryOfflineDms implements OfflineDmStore {

  /** Offline dms the memory store keeps at most, all accounts together. */
  public static final int DEFAULT_MAX_TOTAL = 100_000;

  /** One account's dms and drops; changed only inside the map's compute for its key. */
  private record Box(ArrayDeque<StoredDm> dms, long dropped) {}

  private final ConcurrentHashMap<String, Box> boxes = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final int maxTotal;
  private final BooleanSupplier closed;

  public MemoryOfflineDms(int maxTotal, BooleanSupplier closed) {
    if (maxTotal < 1) {
      throw new IllegalArgumentException("maxTotal must be >= 1, got " + maxTotal);
    }
    this.maxTotal = maxTotal;
    this.closed = Objects.requireNonNull(closed, "closed");
  }

  @Override
  public CompletableFuture<Void> keep(String account, StoredDm dm, int max) {
    OfflineDmStore.checkKeep(account, dm, max);
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(StoreUnavailableException.closed());
    }
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return CompletableFuture.failedFuture(new StoreUnavailableException(StoreUnavailableException.Reason.QUEUE_FULL,
          "the memory store holds " + maxTotal + " offline dms already"));
    }
    boxes.compute(account, (key, box) -> {
      ArrayDeque<StoredDm> dms = box == null ? new ArrayDeque<>() : box.dms();
      long dropped = box == null ? 0 : box.dropped();
      dms.addLast(dm);
      while (dms.size() > max) {
        dms.pollFirst();
        total.decrementAndGet();
        dropped++;
      }
      return new Box(dms, dropped);
    });
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<OfflineDms> take(String account) {
    StoredAccount.checkName(account);
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(StoreUnavailableException.closed());
    }
    Box box = boxes.remove(account);
    if (box == null) {
      return CompletableFuture.completedFuture(OfflineDms.NONE);
    }
    total.addAndGet(-box.dms().size());
    return CompletableFuture.completedFuture(new OfflineDms(box.dms().stream().toList(), box.dropped()));
  }
}
