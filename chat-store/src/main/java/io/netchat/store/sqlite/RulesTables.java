package io.netchat.store.sqlite;

import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's moderation rules in {@code room_modes} (V7), {@code room_roles} (V3) and {@code bans}
 * (V4): read when the room is opened, changed by {@link RuleChange}s inside the writer's
 * transaction. A room has stored rules exactly when it has a {@code room_modes} row. Used by the
 * writer thread only.
 */
final class RulesTables {
  private static final String SELECT_MODES = "SELECT invite_only, key, moderated, topic_locked, secret, member_limit"
      + " FROM room_modes WHERE room = ?";
  private static final String SELECT_ROLES = "SELECT account, role, set_by, set_at FROM room_roles WHERE room = ?"
      + " ORDER BY account";
  private static final String SELECT_BANS = "SELECT mask, set_by, reason, created, expires FROM bans WHERE room = ?"
      + " ORDER BY mask";
  private static final String ENSURE_MODES = "INSERT INTO room_modes (room) VALUES (?) ON CONFLICT (room) DO NOTHING";
  private static final String SET_MODES = "UPDATE room_modes SET invite_only = coalesce(?, invite_only),"
      + " key = coalesce(?, key), moderated = coalesce(?, moderated), topic_locked = coalesce(?, topic_locked),"
      + " secret = coalesce(?, secret), member_limit = coalesce(?, member_limit) WHERE room = ?";
  private static final String DELETE_OWNER = "DELETE FROM room_roles WHERE room = ? AND role = 'owner'";
  private static final String PUT_ROLE = "INSERT OR REPLACE INTO room_roles (room, account, role, set_by, set_at)"
      + " VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE_ROLE = "DELETE FROM room_roles WHERE room = ? AND account = ?";
  private static final String PUT_BAN = "INSERT OR REPLACE INTO bans (room, mask, set_by, reason, created, expires)"
      + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String DELETE_BAN = "DELETE FROM bans WHERE room = ? AND mask = ?";
  private static final String DELETE_ROLES = "DELETE FROM room_roles WHERE room = ?";
  private static final String DELETE_BANS = "DELETE FROM bans WHERE room = ?";
  private static final String DELETE_MODES = "DELETE FROM room_modes WHERE room = ?";

  private final Link link;

  RulesTables(Link link) {
    this.link = link;
  }

  /** The stored rules of room {@code key}, or null when it has none. */
  StoredRules read(String key) throws SQLException {
    StoredRules.Modes modes;
    try (ResultSet rs = query(SELECT_MODES, key)) {
      if (!rs.next()) {
        return null;
      }
      modes = new StoredRules.Modes(rs.getInt(1) != 0, rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0,
          rs.getInt(5) != 0, rs.getInt(6));
    }
    List<StoredRules.Grant> roles = new ArrayList<>();
    try (ResultSet rs = query(SELECT_ROLES, key)) {
      while (rs.next()) {
        roles.add(new StoredRules.Grant(rs.getString(1), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4))));
      }
    }
    List<StoredRules.Ban> bans = new ArrayList<>();
    try (ResultSet rs = query(SELECT_BANS, key)) {
      while (rs.next()) {
        long expires = rs.getLong(5);
        Instant ends = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        bans.add(new StoredRules.Ban(rs.getString(1), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4)), ends));
      }
    }
    return new StoredRules(modes, roles, bans);
  }

  /** Applies {@code change} to room {@code key}'s rows, in the writer's open transaction. */
  void apply(String key, RuleChange change) throws SQLException {
    if (change instanceof RuleChange.Snapshot snapshot) {
      update(DELETE_ROLES, key);
      update(DELETE_BANS, key);
      update(DELETE_MODES, key);
      StoredRules.Modes m = snapshot.rules().modes();
      setModes(key, new RuleChange.ModesSet(m.inviteOnly(), m.key(), m.moderated(), m.topicLocked(), m.secret(),
          m.limit()));
      for (StoredRules.Grant grant : snapshot.rules().roles()) {
        putRole(key, grant);
      }
      for (StoredRules.Ban ban : snapshot.rules().bans()) {
        putBan(key, ban);
      }
    } else if (change instanceof RuleChange.ModesSet modes) {
      setModes(key, modes);
    } else if (change instanceof RuleChange.RoleSet set) {
      if ("owner".equals(set.grant().role())) {
        update(DELETE_OWNER, key);
      }
      putRole(key, set.grant());
    } else if (change instanceof RuleChange.RoleRemoved removed) {
      update(DELETE_ROLE, key, removed.account());
    } else if (change instanceof RuleChange.BanAdded added) {
      putBan(key, added.ban());
    } else if (change instanceof RuleChange.BanLifted lifted) {
      update(DELETE_BAN, key, lifted.mask());
    }
  }

  private void setModes(String key, RuleChange.ModesSet m) throws SQLException {
    update(ENSURE_MODES, key);
    PreparedStatement ps = link.prepare(SET_MODES);
    setFlag(ps, 1, m.inviteOnly());
    ps.setString(2, m.key());
    setFlag(ps, 3, m.moderated());
    setFlag(ps, 4, m.topicLocked());
    setFlag(ps, 5, m.secret());
    if (m.limit() == null) {
      ps.setNull(6, Types.INTEGER);
    } else {
      ps.setInt(6, m.limit());
    }
    ps.setString(7, key);
    ps.executeUpdate();
  }

  private void putRole(String key, StoredRules.Grant grant) throws SQLException {
    PreparedStatement ps = link.prepare(PUT_ROLE);
    ps.setString(1, key);
    ps.setString(2, grant.account());
    ps.setString(3, grant.role());
    ps.setString(4, grant.by());
    ps.setLong(5, grant.at().toEpochMilli());
    ps.executeUpdate();
  }

  private void putBan(String key, StoredRules.Ban ban) throws SQLException {
    PreparedStatement ps = link.prepare(PUT_BAN);
    ps.setString(1, key);
    ps.setString(2, ban.mask());
    ps.setString(3, ban.by());
    ps.setString(4, ban.reason());
    ps.setLong(5, ban.created().toEpochMilli());
    if (ban.expires() == null) {
      ps.setNull(6, Types.INTEGER);
    } else {
      ps.setLong(6, ban.expires().toEpochMilli());
    }
    ps.executeUpdate();
  }

  private static void setFlag(PreparedStatement ps, int index, Boolean flag) throws SQLException {
    if (flag == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, flag ? 1 : 0);
    }
  }

  private ResultSet query(String sql, String key) throws SQLException {
    PreparedStatement ps = link.prepare(sql);
    ps.setString(1, key);
    return ps.executeQuery();
  }

  private void update(String sql, String... args) throws SQLException {
    PreparedStatement ps = link.prepare(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setString(i + 1, args[i]);
    }
    ps.executeUpdate();
  }
}
