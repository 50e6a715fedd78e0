package io.netchat.server;

import io.netchat.server.metrics.ChatCounters;
import io.netchat.server.room.Member;
import io.netchat.server.room.RoomCreations;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Room creation rate per remote address ({@code limits.room_creations_per_minute},
 * {@code limits.room_creation_burst}): every connection of one address draws from the same
 * token bucket, so a connection is bounded by its address's rate too. Refusals and every other
 * global limit hit go to the server's {@link RepeatedLog}, and are counted by limit. The bucket table is bounded: when it
 * reaches {@code maxHosts}, the buckets that have refilled (a host that stopped creating) are
 * dropped, since a full bucket is the same as none; if none has, a new host may not create a
 * room until one does.
 */
final class RoomCreationLimiter implements RoomCreations {
  private final int perMinute;
  private final int burst;
  private final int maxHosts;
  private final LongSupplier nanos;
  private final RepeatedLog log;
  private final ChatCounters counters;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RoomCreationLimiter(int perMinute, int burst, int maxHosts, LongSupplier nanos, RepeatedLog log) {
    this(perMinute, burst, maxHosts, nanos, log, new ChatCounters(0));
  }

  /** @param counters where refused creations are counted, by the limit that refused them */
  RoomCreationLimiter(int perMinute, int burst, int maxHosts, LongSupplier nanos, RepeatedLog log,
      ChatCounters counters) {
    this.counters = counters;
    this.perMinute = perMinute;
    this.burst = burst;
    this.maxHosts = maxHosts;
    this.nanos = nanos;
    this.log = log;
  }

  @Override
  public String refusal(Member creator) {
    String host = creator.remoteHost();
    long now = nanos.getAsLong();
    if (buckets.size() >= maxHosts && !buckets.containsKey(host)) {
      buckets.values().removeIf(bucket -> bucket.full(now));
      if (buckets.size() >= maxHosts) {
        String refusal = "room creation rate limit: more than " + maxHosts + " addresses are creating rooms at once";
        limitHit("room_creations_per_minute hosts", refusal);
        return refusal;
      }
    }
    Bucket bucket = buckets.computeIfAbsent(host, h -> new Bucket(now));
    if (bucket.tryTake(now)) {
      return null;
    }
    String refusal = "room creation rate limit of " + perMinute + " per minute (burst " + burst
        + ") reached for " + host;
    limitHit("room_creations_per_minute " + host, refusal);
    return refusal;
  }

  @Override
  public void limitHit(String cause, String line) {
    if (cause.equals("max_rooms")) {
      counters.roomRefused(ChatCounters.RoomRefusal.MAX_ROOMS);
    } else if (cause.startsWith("room_creations_per_minute")) {
      counters.roomRefused(ChatCounters.RoomRefusal.CREATION_RATE);
    }
    log.log(cause, line);
  }

  /** One host's creations: a token bucket behind a lock held for a few arithmetic operations. */
  private final class Bucket {
    private final TokenBucket tokens;
    private long last;

    Bucket(long now) {
      tokens = new TokenBucket(perMinute, burst, now, TimeUnit.MINUTES);
      last = now;
    }

    synchronized boolean tryTake(long now) {
      last = now;
      return tokens.tryTake(now);
    }

    synchronized boolean full(long now) {
      return now - last >= TimeUnit.MINUTES.toNanos(1) * burst / perMinute + 1;
    }
  }
}
