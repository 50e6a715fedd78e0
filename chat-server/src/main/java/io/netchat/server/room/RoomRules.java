package io.netchat.server.room;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A room's moderation state (§17): its modes, who holds which role, its bans and its pending
 * invites. Roles and invites belong to a principal: {@code account:NAME} for a registered
 * session, {@code nick:NICK} for a guest (for the room's lifetime, following nick changes). A room
 * whose owner is an account is <em>owned</em>: its modes, account roles and bans are stored.
 * Bounded: {@value #MAX_BANS} bans, {@value #MAX_ROLES} roles, {@value #MAX_INVITES} invites (the
 * oldest invite goes first). Used from the room's loop only.
 */
final class RoomRules {
  /** Most bans one room holds. */
  static final int MAX_BANS = 256;
  /** Most roles (op, voice, owner) one room holds. */
  static final int MAX_ROLES = 1024;
  /** Most pending invites one room holds; the oldest goes first. */
  static final int MAX_INVITES = 64;

  /** A role held, and who gave it when. */
  private record Held(RoomRole role, String by, Instant at) {}

  /** A ban with its parsed mask. */
  private record Banned(BanMask mask, StoredRules.Ban ban) {}

  private StoredRules.Modes modes = StoredRules.Modes.NONE;
  private final Map<String, Held> roles = new HashMap<>();
  private final NavigableMap<String, Banned> bans = new TreeMap<>();
  private final Set<String> invites = new LinkedHashSet<>();
  private String owner;

  /** The principal of a session: its account when registered, else its nick. */
  static String principal(String nick, String account) {
    return account != null ? "account:" + Names.key(account) : "nick:" + Names.key(nick);
  }

  /** Takes the rules of a room loaded from the store (an owned room). */
  void restore(StoredRules stored) {
    modes = stored.modes();
    for (StoredRules.Grant grant : stored.roles()) {
      RoomRole role = RoomRole.fromWire(grant.role());
      String principal = "account:" + grant.account();
      roles.put(principal, new Held(role, grant.by(), grant.at()));
      if (role == RoomRole.OWNER) {
        owner = principal;
      }
    }
    for (StoredRules.Ban ban : stored.bans()) {
      bans.put(ban.mask(), new Banned(BanMask.parse(ban.mask()), ban));
    }
  }

  StoredRules.Modes modes() {
    return modes;
  }

  /** Whether an account owns the room, so that its rules are stored. */
  boolean owned() {
    return owner != null && owner.startsWith("account:");
  }

  /** The owner's principal, or null when the room has none. */
  String owner() {
    return owner;
  }

  /**
   * Makes {@code principal} the owner when the room has none (its creator, or the first to join a
   * room loaded without rules); true when it did.
   */
  boolean claim(String principal, String by, Instant at) {
    if (owner != null) {
      return false;
    }
    setOwner(principal, by, at);
    return true;
  }

  /** {@code principal} owns the room from now on (an admin took it over); the old owner holds no role. */
  void setOwner(String principal, String by, Instant at) {
    if (owner != null) {
      roles.remove(owner);
    }
    owner = principal;
    roles.put(principal, new Held(RoomRole.OWNER, by, at));
  }

  /** The role of {@code principal}; {@link RoomRole#MEMBER} when it holds none. */
  RoomRole role(String principal) {
    Held held = roles.get(principal);
    return held == null ? RoomRole.MEMBER : held.role();
  }

  /** Whether one more role may be given to {@code principal}. */
  boolean hasRoomForRole(String principal) {
    return roles.containsKey(principal) || roles.size() < MAX_ROLES;
  }

  /** Gives {@code principal} the role {@code role} ({@link RoomRole#MEMBER}: takes its role away). */
  void setRole(String principal, RoomRole role, String by, Instant at) {
    if (role == RoomRole.MEMBER) {
      roles.remove(principal);
    } else {
      roles.put(principal, new Held(role, by, at));
    }
  }

  /** A guest renamed from {@code oldNick} to {@code newNick}: its role and invite follow it. */
  void renamed(String oldNick, String newNick) {
    String from = principal(oldNick, null);
    String to = principal(newNick, null);
    Held held = roles.remove(from);
    if (held != null) {
      roles.put(to, held);
      if (from.equals(owner)) {
        owner = to;
      }
    }
    if (invites.remove(from)) {
      invites.add(to);
    }
  }

  /**
   * The change a {@code mode} command makes: the modes it sets to a new value, or null when it
   * changes nothing.
   */
  RuleChange.ModesSet changes(ClientMessage.Mode mode) {
    Boolean inviteOnly = differs(mode.inviteOnly(), modes.inviteOnly());
    String key = differs(mode.key(), modes.key());
    Boolean moderated = differs(mode.moderated(), modes.moderated());
    Boolean topicLocked = differs(mode.topicLocked(), modes.topicLocked());
    Boolean secret = differs(mode.secret(), modes.secret());
    Integer limit = differs(mode.limit(), modes.limit());
    if (inviteOnly == null && key == null && moderated == null && topicLocked == null && secret == null
        && limit == null) {
      return null;
    }
    return new RuleChange.ModesSet(inviteOnly, key, moderated, topicLocked, secret, limit);
  }

  private static <T> T differs(T wanted, T now) {
    return wanted == null || wanted.equals(now) ? null : wanted;
  }

  /** Applies a change of modes. */
  void setModes(RuleChange.ModesSet change) {
    modes = change.applyTo(new StoredRules(modes, List.of(), List.of())).modes();
  }

  /** Whether the room answers {@code who}, {@code history}, {@code topic} and {@code mode} reads to members only. */
  boolean isPrivate() {
    return modes.inviteOnly() || modes.secret() || !modes.key().isEmpty();
  }

  /**
   * Why a session may not join, as the error to answer, or null when it may. Bans first, then
   * {@code invite_only}, the key and the limit; an op or the owner passes them all, an invite
   * passes {@code invite_only} and the key.
   */
  ServerMessage.Error refusesJoin(String room, String nick, String account, String address, String key,
      int members, Instant now, String id) {
    String principal = principal(nick, account);
    if (role(principal).atLeast(RoomRole.OP)) {
      return null;
    }
    StoredRules.Ban ban = find(nick, account, address, now);
    if (ban != null) {
      return refusal(id, ErrorCode.BANNED, "you are banned from room '" + room + "'"
          + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
    }
    boolean invited = invites.contains(principal);
    if (modes.inviteOnly() && !invited) {
      return refusal(id, ErrorCode.INVITE_ONLY, "room '" + room + "' is invite-only: ask one of its ops to invite you");
    }
    if (!modes.key().isEmpty() && !invited && !modes.key().equals(key)) {
      return refusal(id, ErrorCode.BAD_KEY, key == null ? "room '" + room + "' needs a key: join with it"
          : "that is not the key of room '" + room + "'");
    }
    if (modes.limit() > 0 && members >= modes.limit()) {
      return refusal(id, ErrorCode.ROOM_FULL, "room '" + room + "' is full: its limit is " + modes.limit()
          + " members").limited(null, null);
    }
    return null;
  }

  private static ServerMessage.Error refusal(String id, ErrorCode code, String message) {
    return new ServerMessage.Error(id, code, message).forCommand("join");
  }

  /** A session joined: its invite, if any, is used up. */
  void joined(String principal) {
    invites.remove(principal);
  }

  /** {@code principal} may pass {@code invite_only} and the key once. */
  void invite(String principal) {
    invites.remove(principal);
    if (invites.size() >= MAX_INVITES) {
      Iterator<String> oldest = invites.iterator();
      oldest.next();
      oldest.remove();
    }
    invites.add(principal);
  }

  /** The ban matching the user, expired ones dropped on the way, or null. */
  StoredRules.Ban find(String nick, String account, String address, Instant now) {
    for (Iterator<Banned> it = bans.values().iterator(); it.hasNext(); ) {
      Banned banned = it.next();
      if (expired(banned.ban(), now)) {
        it.remove();
      } else if (banned.mask().matches(nick, account, address)) {
        return banned.ban();
      }
    }
    return null;
  }

  private static boolean expired(StoredRules.Ban ban, Instant now) {
    return ban.expires() != null && !ban.expires().isAfter(now);
  }

  /** Whether a ban of {@code mask} may be added: it replaces one, or the room holds fewer than the most. */
  boolean hasRoomForBan(BanMask mask) {
    return bans.containsKey(mask.text()) || bans.size() < MAX_BANS;
  }

  void addBan(StoredRules.Ban ban) {
    bans.put(ban.mask(), new Banned(BanMask.parse(ban.mask()), ban));
  }

  /** Whether a ban of {@code mask} is held. */
  boolean isBanned(BanMask mask) {
    return bans.containsKey(mask.text());
  }

  void removeBan(String mask) {
    bans.remove(mask);
  }

  /** One page of bans after the mask {@code after}, expired ones dropped. */
  Page<StoredRules.Ban> bans(String after, int limit, Instant now) {
    List<StoredRules.Ban> page = new ArrayList<>(Math.min(limit, bans.size()));
    Iterator<Banned> it = (after == null ? bans : bans.tailMap(after, false)).values().iterator();
    while (page.size() < limit && it.hasNext()) {
      Banned banned = it.next();
      if (expired(banned.ban(), now)) {
        it.remove();
      } else {
        page.add(banned.ban());
      }
    }
    return new Page<>(page, it.hasNext());
  }

  /** What the store keeps of these rules: the modes, the roles of accounts, the bans. */
  StoredRules snapshot() {
    List<StoredRules.Grant> grants = new ArrayList<>();
    roles.forEach((principal, held) -> {
      if (principal.startsWith("account:")) {
        grants.add(new StoredRules.Grant(principal.substring(8), held.role().wireName(), held.by(), held.at()));
      }
    });
    grants.sort(java.util.Comparator.comparing(StoredRules.Grant::account));
    return new StoredRules(modes, grants, bans.values().stream().map(Banned::ban).toList());
  }

  /** The stored form of {@code principal}'s role change, or null when the principal is a guest (not stored). */
  static RuleChange roleChange(String principal, RoomRole role, String by, Instant at) {
    if (!principal.startsWith("account:")) {
      return null;
    }
    String account = principal.substring(8);
    return role == RoomRole.MEMBER ? new RuleChange.RoleRemoved(account)
        : new RuleChange.RoleSet(new StoredRules.Grant(account, role.wireName(), Objects.requireNonNull(by), at));
  }
}
