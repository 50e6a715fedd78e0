package io.netchat.store;

import java.util.Objects;

/**
 * One change to a room's stored rules ({@link StoredRules}), written in the same transaction as
 * the room event that announces it ({@link ChatStore#appendEvent}). Changes are deltas, applied
 * in call order, so two changes made back to back never undo each other.
 */
public sealed interface RuleChange {

  /** Sets the modes that are non-null; the others stay. */
  record ModesSet(Boolean inviteOnly, String key, Boolean moderated, Boolean topicLocked, Boolean secret,
      Integer limit) implements RuleChange {}

  /** {@code grant.account()} holds {@code grant.role()} from now on. */
  record RoleSet(StoredRules.Grant grant) implements RuleChange {
    public RoleSet {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** {@code account} holds no role any more. */
  record RoleRemoved(String account) implements RuleChange {
    public RoleRemoved {
      Objects.requireNonNull(account, "account");
    }
  }

  /** Adds (or replaces) a ban. */
  record BanAdded(StoredRules.Ban ban) implements RuleChange {
    public BanAdded {
      Objects.requireNonNull(ban, "ban");
    }
  }

  /** Lifts the ban of {@code mask}. */
  record BanLifted(String mask) implements RuleChange {
    public BanLifted {
      Objects.requireNonNull(mask, "mask");
    }
  }

  /** Replaces every stored rule of the room: it has just become owned by an account. */
  record Snapshot(StoredRules rules) implements RuleChange {
    public Snapshot {
      Objects.requireNonNull(rules, "rules");
    }
  }

  /** {@code rules} with this change applied (the memory store's way; SQLite applies it row by row). */
  default StoredRules applyTo(StoredRules rules) {
    StoredRules base = rules == null ? new StoredRules(StoredRules.Modes.NONE, java.util.List.of(), java.util.List.of())
        : rules;
    java.util.List<StoredRules.Grant> roles = new java.util.ArrayList<>(base.roles());
    java.util.List<StoredRules.Ban> bans = new java.util.ArrayList<>(base.bans());
    StoredRules.Modes m = base.modes();
    if (this instanceof Snapshot snapshot) {
      return snapshot.rules();
    } else if (this instanceof ModesSet s) {
      m = new StoredRules.Modes(s.inviteOnly() == null ? m.inviteOnly() : s.inviteOnly(),
          s.key() == null ? m.key() : s.key(), s.moderated() == null ? m.moderated() : s.moderated(),
          s.topicLocked() == null ? m.topicLocked() : s.topicLocked(), s.secret() == null ? m.secret() : s.secret(),
          s.limit() == null ? m.limit() : s.limit());
    } else if (this instanceof RoleSet set) {
      roles.removeIf(g -> g.account().equals(set.grant().account()));
      roles.add(set.grant());
    } else if (this instanceof RoleRemoved removed) {
      roles.removeIf(g -> g.account().equals(removed.account()));
    } else if (this instanceof BanAdded added) {
      bans.removeIf(b -> b.mask().equals(added.ban().mask()));
      bans.add(added.ban());
    } else if (this instanceof BanLifted lifted) {
      bans.removeIf(b -> b.mask().equals(lifted.mask()));
    }
    return new StoredRules(m, roles, bans);
  }
}
