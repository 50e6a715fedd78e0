package io.netchat.server;

import io.netchat.server.room.BanMask;
import io.netchat.store.ChatStore;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-wide bans set by admins (§17.6): an {@code account:NAME} or {@code addr:…} mask, with an
 * end or none. Checked at {@code hello}. A change is in force at once; with a store
 * ({@code store.type: sqlite}) it is also kept there, on the store's thread, and the bans are
 * loaded at start ({@link #load}), so they survive a restart with their ends; without one a
 * restart lifts them. At most {@value #MAX_BANS}. Thread-safe.
 */
final class ServerBans {
  private static final Logger log = LoggerFactory.getLogger(ServerBans.class);

  /** Most server-wide bans held. */
  static final int MAX_BANS = 4096;

  /** A ban: its mask, who set it, why, when it ends (null: never), and when it was set. */
  record Ban(BanMask mask, String by, String reason, Instant expires, Instant created) {
    boolean expired(Instant now) {
      return expires != null && !expires.isAfter(now);
    }

    StoredRules.Ban stored() {
      return new StoredRules.Ban(mask.text(), by, reason, created, expires);
    }
  }

  /**
   * What an add or a lift came to: whether it changed the bans in force, and {@code kept}, true once
   * the store has written it (at once without a store), false when the store could not: the change
   * holds until a restart.
   */
  record Change(boolean done, CompletableFuture<Boolean> kept) {
    static final Change NONE = new Change(false, CompletableFuture.completedFuture(false));
  }

  private final ConcurrentHashMap<String, Ban> bans = new ConcurrentHashMap<>();
  private final ChatStore store;

  /** @param store where bans are kept across restarts, or null: in memory only */
  ServerBans(ChatStore store) {
    this.store = store;
  }

  /**
   * The bans {@code store} keeps that have not ended by {@code now}, in force; waits for the store
   * (the start thread only, before any connection).
   */
  static ServerBans load(ChatStore store, Instant now) {
    ServerBans loaded = new ServerBans(store);
    for (StoredRules.Ban kept : store.serverBans().join()) {
      Ban ban;
      try {
        ban = new Ban(BanMask.parse(kept.mask()), kept.by(), kept.reason(), kept.expires(), kept.created());
      } catch (IllegalArgumentException unreadable) {
        log.warn("a kept server-wide ban is not a mask this version reads, skipped: {}", kept.mask());
        continue;
      }
      if (!ban.expired(now) && loaded.bans.size() < MAX_BANS) {
        loaded.bans.put(ban.mask().text(), ban);
      }
    }
    if (!loaded.bans.isEmpty()) {
      log.info("{} server-wide bans in force from the store", loaded.bans.size());
    }
    return loaded;
  }

  /** Adds (or replaces) a ban; not {@link Change#done()} when the server holds its maximum already. */
  synchronized Change add(Ban ban, Instant now) {
    bans.values().removeIf(held -> held.expired(now));
    if (bans.size() >= MAX_BANS && !bans.containsKey(ban.mask().text())) {
      return Change.NONE;
    }
    bans.put(ban.mask().text(), ban);
    return new Change(true, keep(new RuleChange.BanAdded(ban.stored())));
  }

  /** Lifts the ban of {@code mask}; not {@link Change#done()} when there was none. */
  synchronized Change remove(BanMask mask) {
    if (bans.remove(mask.text()) == null) {
      return Change.NONE;
    }
    return new Change(true, keep(new RuleChange.BanLifted(mask.text())));
  }

  /** Hands {@code change} to the store; synchronized callers keep the store's order the map's. */
  private CompletableFuture<Boolean> keep(RuleChange change) {
    if (store == null) {
      return CompletableFuture.completedFuture(true);
    }
    return store.changeServerBans(change).handle((written, failure) -> {
      if (failure != null) {
        log.warn("a server-wide ban change could not be kept (it holds until a restart): {}", failure.getMessage());
      }
      return failure == null;
    });
  }

  /** The ban matching a user of {@code nick}, {@code account} (null: guest) at {@code address}, or null. */
  Ban find(String nick, String account, String address, Instant now) {
    for (Ban ban : bans.values()) {
      if (!ban.expired(now) && ban.mask().matches(nick, account, address)) {
        return ban;
      }
    }
    return null;
  }
}
