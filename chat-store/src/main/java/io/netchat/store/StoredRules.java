package io.netchat.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The moderation rules a room owned by an account keeps across restarts: its modes, the roles
 * held by accounts, and its bans (tables {@code room_modes}, {@code room_roles}, {@code bans}).
 * A room no account owns has none stored.
 *
 * @param modes the room's modes
 * @param roles the roles held by accounts, the owner's included
 * @param bans the bans, expired ones included until the room drops them
 */
public record StoredRules(Modes modes, List<Grant> roles, List<Ban> bans) {

  public StoredRules {
    Objects.requireNonNull(modes, "modes");
    roles = List.copyOf(roles);
    bans = List.copyOf(bans);
  }

  /**
   * A room's modes; {@code key} is {@code ""} when none, {@code limit} 0 when none.
   */
  public record Modes(boolean inviteOnly, String key, boolean moderated, boolean topicLocked, boolean secret,
      int limit) {
    /** A room with no mode set. */
    public static final Modes NONE = new Modes(false, "", false, false, false, 0);

    public Modes {
      Objects.requireNonNull(key, "key");
    }
  }

  /** {@code account} (case-folded) holds {@code role} ({@code owner}, {@code op} or {@code voice}). */
  public record Grant(String account, String role, String by, Instant at) {
    public Grant {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A ban of {@code mask}; {@code expires} null: until lifted. */
  public record Ban(String mask, String by, String reason, Instant created, Instant expires) {
    public Ban {
      Objects.requireNonNull(mask, "mask");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(created, "created");
    }
  }
}
