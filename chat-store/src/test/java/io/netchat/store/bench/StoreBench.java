package io.netchat.store.bench;

import io.netchat.store.ChatStore;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreUnavailableException;
import io.netchat.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Store benchmark (a tool, not a test): sustained appends/s with many publishers in many rooms,
 * the append latency each durability adds, and the open time of a big store against an empty one.
 *
 * <pre>
 * java -cp … io.netchat.store.bench.StoreBench WORK_DIR [seconds] [publishers] [rooms]
 * </pre>
 */
public final class StoreBench {

  private static final Instant TS = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TEXT = "a chat line of a typical length, about sixty characters long";
  /** Appends each publisher keeps in flight, like a handful of connections each. */
  private static final int WINDOW = 64;
  private static final int PACED_RATE = 5_000;
  private static final int BIG_ROOMS = 10_000;
  private static final int BIG_PER_ROOM = 100;

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int rooms = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    Files.createDirectories(work);
    System.out.printf(Locale.ROOT, "cores=%d publishers=%d rooms=%d window=%d seconds=%d%n",
        Runtime.getRuntime().availableProcessors(), publishers, rooms, WINDOW, seconds);
    for (StoreConfig.Type type : StoreConfig.Type.values()) {
      for (StoreConfig.Durability durability : StoreConfig.Durability.values()) {
        Path dir = Files.createTempDirectory(work, "tp-");
        try (ChatStore store = Stores.open(config(type, durability, dir))) {
          throughput(store, type + "/" + durability, seconds, publishers, rooms);
          paced(store, type + "/" + durability, seconds, rooms);
        }
      }
    }
    openTime(work);
  }

  private static StoreConfig config(StoreConfig.Type type, StoreConfig.Durability d, Path dir) {
    return new StoreConfig(type, d, dir, StoreConfig.DEFAULT_QUEUE_CAPACITY, StoreConfig.DEFAULT_RETENTION);
  }

  private static void throughput(ChatStore store, String label, int seconds, int publishers, int rooms)
      throws Exception {
    for (int r = 0; r < rooms; r++) {
      store.openRoom("room" + r, "room" + r, TS).get(60, TimeUnit.SECONDS);
    }
    Recorder latency = new Recorder(3);
    LongAdder done = new LongAdder();
    LongAdder refused = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean measuring = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      int id = p;
      Thread t = new Thread(() -> publish(store, id, rooms, publishers, stop, measuring, latency, done, refused));
      t.start();
      threads.add(t);
    }
    Thread.sleep(Math.max(2_000, seconds * 200L)); // warm-up (a tool, not a test)
    latency.reset();
    done.reset();
    refused.reset();
    measuring.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long count = done.sum();
    long elapsed = System.nanoTime() - start;
    var histogram = latency.getIntervalHistogram();
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    System.out.printf(Locale.ROOT, "%-14s %,10.0f appends/s  latency p50 %,8.1f us  p99 %,9.1f us"
            + "  max %,9.1f us  refused(queue full) %d%n",
        label, count / (elapsed / 1e9), histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3, histogram.getMaxValue() / 1e3, refused.sum());
  }

  /**
   * The latency an append adds at a steady {@link #PACED_RATE}/s (well under saturation), timed
   * from when each append was due, so a stall is not hidden by the sender waiting it out.
   */
  private static void paced(ChatStore store, String label, int seconds, int rooms) throws Exception {
    Recorder latency = new Recorder(3);
    long interval = 1_000_000_000L / PACED_RATE;
    long total = (long) PACED_RATE * seconds;
    long start = System.nanoTime();
    CompletableFuture<?> last = null;
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      last = store.append("room" + (i % rooms), "paced", TEXT, TS)
          .whenComplete((seq, e) -> latency.recordValue(System.nanoTime() - due));
    }
    last.handle((v, e) -> null).get(60, TimeUnit.SECONDS);
    var h = latency.getIntervalHistogram();
    System.out.printf(Locale.ROOT, "%-14s at %,d appends/s: latency p50 %,8.1f us  p99 %,9.1f us  max %,9.1f us%n",
        label, PACED_RATE, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
        h.getMaxValue() / 1e3);
  }

  private static void publish(ChatStore store, int id, int rooms, int publishers, AtomicBoolean stop,
      AtomicBoolean measuring, Recorder latency, LongAdder done, LongAdder refused) {
    Semaphore window = new Semaphore(WINDOW);
    int room = id;
    while (!stop.get()) {
      window.acquireUninterruptibly();
      long t0 = System.nanoTime();
      String key = "room" + room;
      room = (room + publishers) % rooms;
      CompletableFuture<Long> f = store.append(key, "pub" + id, TEXT, TS);
      f.whenComplete((seq, e) -> {
        window.release();
        if (e == null) {
          if (measuring.get()) {
            latency.recordValue(System.nanoTime() - t0);
          }
          done.increment();
        } else if (e instanceof StoreUnavailableException) {
          refused.increment();
          LockSupport.parkNanos(100_000);
        }
      });
    }
    window.acquireUninterruptibly(WINDOW);
  }

  private static void openTime(Path work) throws Exception {
    Path big = work.resolve("big");
    if (!Files.exists(big.resolve("netchat.db"))) {
      long t0 = System.nanoTime();
      try (ChatStore store = Stores.open(config(StoreConfig.Type.SQLITE, StoreConfig.Durability.ASYNC, big))) {
        for (int r = 0; r < BIG_ROOMS; r++) {
          store.openRoom("room" + r, "room" + r, TS).get(60, TimeUnit.SECONDS);
        }
        for (int i = 0; i < BIG_PER_ROOM; i++) {
          for (int r = 0; r < BIG_ROOMS; r++) {
            while (store.append("room" + r, "filler", TEXT, TS).isCompletedExceptionally()) {
              LockSupport.parkNanos(1_000_000);
            }
          }
        }
      }
      System.out.printf(Locale.ROOT, "filled %d rooms x %d messages in %.1f s (%,d bytes)%n",
          BIG_ROOMS, BIG_PER_ROOM, (System.nanoTime() - t0) / 1e9, Files.size(big.resolve("netchat.db")));
    }
    Path empty = Files.createTempDirectory(work, "empty-");
    Stores.open(config(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT, empty)).close(); // warm up
    int runs = 7;
    long[] emptyMs = new long[runs];
    long[] bigMs = new long[runs];
    for (int i = 0; i < runs; i++) {
      emptyMs[i] = openAndFirstRoom(empty);
      bigMs[i] = openAndFirstRoom(big);
    }
    Arrays.sort(emptyMs);
    Arrays.sort(bigMs);
    System.out.printf(Locale.ROOT, "open + first room, median of %d: empty %.1f ms, %d rooms / %,d messages"
            + " %.1f ms, ratio %.2f%n", runs, emptyMs[runs / 2] / 1e6, BIG_ROOMS, BIG_ROOMS * BIG_PER_ROOM,
        bigMs[runs / 2] / 1e6, (double) bigMs[runs / 2] / emptyMs[runs / 2]);
  }

  /** Nanoseconds from open to the first room loaded (what a client's first join waits for). */
  private static long openAndFirstRoom(Path dir) throws Exception {
    long t0 = System.nanoTime();
    try (ChatStore store = Stores.open(config(StoreConfig.Type.SQLITE, StoreConfig.Durability.COMMIT, dir))) {
      store.openRoom("room5000", "room5000", TS).get(60, TimeUnit.SECONDS);
      long took = System.nanoTime() - t0;
      return took;
    }
  }
}
