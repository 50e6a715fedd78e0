package io.netchat.server;

import io.netchat.server.room.BanMask;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-wide bans set by admins (§17.6): an {@code account:NAME} or {@code addr:…} mask, with an
 * end or none. Checked at {@code hello}; kept in memory (a restart lifts them). At most
 * {@value #MAX_BANS}. Thread-safe.
 */
final class ServerBans {
  /** Most server-wide bans held. */
  static final int MAX_BANS = 4096;

  /** A ban: its mask, who set it, why, and when it ends (null: never). */
  record Ban(BanMask mask, String by, String reason, Instant expires) {
    boolean expired(Instant now) {
      return expires != null && !expires.isAfter(now);
    }
  }

  private final ConcurrentHashMap<String, Ban> bans = new ConcurrentHashMap<>();

  /** Adds (or replaces) a ban; false when the server holds its maximum already. */
  boolean add(Ban ban, Instant now) {
    bans.values().removeIf(held -> held.expired(now));
    if (bans.size() >= MAX_BANS && !bans.containsKey(ban.mask().text())) {
      return false;
    }
    bans.put(ban.mask().text(), ban);
    return true;
  }

  /** Lifts the ban of {@code mask}; false when there was none. */
  boolean remove(BanMask mask) {
    return bans.remove(mask.text()) != null;
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
