package io.netchat.server.room;

import io.netchat.codec.Capability;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The moderation commands of one {@link Room} (§17): {@code kick}, {@code ban}, {@code unban},
 * {@code bans}, {@code mode}, {@code role}, {@code invite} and an admin's takeover. Each checks the
 * actor's role against {@link RoomAction} (through {@link Room#actor}), then records its change as
 * a room event ({@link Room#record}), which applies it once it has its seq. Holds no state of its
 * own: the rules are the room's {@link RoomRules}. Room loop only.
 */
final class RoomModeration {
  private final Room room;

  RoomModeration(Room room) {
    this.room = room;
  }

  /** The member {@code nick} of this room, or null after answering that there is none. */
  private Member target(Member session, String nick, String command, String id) {
    Member target = room.members().find(nick);
    if (target == null) {
      session.send(new ServerMessage.Error(id, ErrorCode.NO_SUCH_USER, "nobody called '" + nick + "' is in room '"
          + room.name() + "'").forCommand(command));
    }
    return target;
  }

  /**
   * {@code kick{nick, reason}}: an op or the owner removes a member whose role is below its own.
   * Members with {@code events} see the kick; the others see {@code presence{leave}}, and a
   * kicked v1 session gets {@code left{room}}.
   */
  CompletionStage<?> kick(Member session, String nick, String reason, String id) {
    RoomRole role = room.actor(session, RoomAction.KICK, "kick", id);
    if (role == null || reason != null && !room.fitsText(session, "kick", reason, id)) {
      return Room.ANSWERED;
    }
    Member target = target(session, nick, "kick", id);
    if (target == null) {
      return Room.ANSWERED;
    }
    if (!RoomAction.KICK.mayActOn(role, room.roleOf(target))) {
      session.send(Room.forbidden(id, "kick", "you cannot kick " + room.members().nick(target) + ": their role is "
          + room.roleOf(target).wireName() + ", not below yours (" + role.wireName() + ")"));
      return Room.ANSWERED;
    }
    return room.record(session, id, "kick", new ServerMessage.Kick(room.name(), room.members().nick(target), room.members().nick(session),
        reason, null), null, event -> room.kicked(target, (ServerMessage.Kick) event));
  }

  /** {@code ban{mask, duration_s, reason}}: keeps matching users from joining (§17.3). */
  CompletionStage<?> ban(Member session, String mask, Long durationS, String reason, String id) {
    if (room.actor(session, RoomAction.BAN, "ban", id) == null || reason != null && !room.fitsText(session, "ban", reason, id)) {
      return Room.ANSWERED;
    }
    BanMask parsed = parse(session, mask, "ban", id);
    if (parsed == null) {
      return Room.ANSWERED;
    }
    if (!room.rules().hasRoomForBan(parsed)) {
      session.send(new LimitReached("max_bans_per_room", "room '" + room.name() + "' holds its maximum of "
          + RoomRules.MAX_BANS + " bans; lift one first").error(id, "ban"));
      return Room.ANSWERED;
    }
    Instant now = room.now();
    String by = room.members().nick(session);
    StoredRules.Ban ban = new StoredRules.Ban(parsed.text(), by, reason == null ? "" : reason, now,
        durationS == null ? null : now.plusSeconds(durationS));
    return room.record(session, id, "ban", new ServerMessage.Ban(room.name(), parsed.text(), by, reason, durationS, null),
        new RuleChange.BanAdded(ban), event -> {
          room.rules().addBan(ban);
          room.broadcastEvent(event);
        });
  }

  /** {@code unban{mask}}: lifts the ban of that mask (any spelling of it). */
  CompletionStage<?> unban(Member session, String mask, String id) {
    if (room.actor(session, RoomAction.BAN, "unban", id) == null) {
      return Room.ANSWERED;
    }
    BanMask parsed = parse(session, mask, "unban", id);
    if (parsed == null) {
      return Room.ANSWERED;
    }
    if (!room.rules().isBanned(parsed)) {
      session.send(new ServerMessage.Error(id, ErrorCode.BAD_REQUEST, "room '" + room.name() + "' has no ban of '"
          + parsed.text() + "'").forCommand("unban"));
      return Room.ANSWERED;
    }
    return room.record(session, id, "unban", new ServerMessage.Unban(room.name(), parsed.text(), room.members().nick(session), null),
        new RuleChange.BanLifted(parsed.text()), event -> {
          room.rules().removeBan(parsed.text());
          room.broadcastEvent(event);
        });
  }

  private BanMask parse(Member session, String mask, String command, String id) {
    try {
      return BanMask.parse(mask);
    } catch (IllegalArgumentException bad) {
      session.send(new ServerMessage.Error(id, ErrorCode.BAD_REQUEST, bad.getMessage()).forCommand(command));
      return null;
    }
  }

  /** Answers {@code bans}: one page of the room's bans in mask order, to its ops. */
  void sendBans(Member session, String after, int limit, String id) {
    if (room.actor(session, RoomAction.LIST_BANS, "bans", id) == null) {
      return;
    }
    Page<StoredRules.Ban> page = room.rules().bans(after, limit, room.now());
    String re = session.re(id);
    session.send(FrameFitter.page(new Page<>(page.items().stream().map(ban -> new ServerMessage.BanInfo(ban.mask(),
            ban.by(), ban.reason().isEmpty() ? null : ban.reason(), ban.created(), ban.expires())).toList(),
            page.more()), ServerMessage.BanInfo::mask, (kept, next) -> new ServerMessage.Bans(room.name(), kept, next, re),
        session.format(), room.context().allocator()));
    Room.ok(session, id, null);
  }

  /**
   * {@code mode}: without a mode field, answers the modes ({@code key} to members only); else an
   * op or the owner changes them, and the members with {@code events} see what changed.
   */
  CompletionStage<?> mode(Member session, ClientMessage.Mode mode, String id) {
    if (mode.isRead()) {
      if (room.mayLook(session, "mode", id)) {
        StoredRules.Modes m = room.rules().modes();
        session.send(new ServerMessage.Mode(room.name(), m.inviteOnly(), room.members().contains(session) ? m.key() : null,
            m.moderated(), m.topicLocked(), m.secret(), m.limit(), null, null, session.re(id)));
        Room.ok(session, id, null);
      }
      return Room.ANSWERED;
    }
    if (room.actor(session, RoomAction.SET_MODE, "mode", id) == null) {
      return Room.ANSWERED;
    }
    if (mode.limit() != null && mode.limit() > room.context().limits().maxMembersPerRoom()) {
      session.send(new ServerMessage.Error(id, ErrorCode.BAD_REQUEST, "'limit' may be at most the server's"
          + " max_members_per_room, " + room.context().limits().maxMembersPerRoom() + " (0: no limit)").forCommand("mode"));
      return Room.ANSWERED;
    }
    RuleChange.ModesSet change = room.rules().changes(mode);
    if (change == null) {
      Room.ok(session, id, null); // nothing to change: no event
      return Room.ANSWERED;
    }
    return room.record(session, id, "mode", new ServerMessage.Mode(room.name(), change.inviteOnly(), change.key(),
        change.moderated(), change.topicLocked(), change.secret(), change.limit(), room.members().nick(session), null, null),
        change, event -> {
          room.rules().setModes(change);
          room.modesApplied();
          room.broadcastEvent(event);
        });
  }

  /** {@code role{nick, role}}: an op or the owner gives a member {@code op}, {@code voice} or none. */
  CompletionStage<?> role(Member session, String nick, String roleName, String id) {
    RoomRole role = room.actor(session, RoomAction.SET_ROLE, "role", id);
    Member target = role == null ? null : target(session, nick, "role", id);
    if (target == null) {
      return Room.ANSWERED;
    }
    RoomRole current = room.roleOf(target);
    if (!RoomAction.SET_ROLE.mayActOn(role, current)) {
      session.send(Room.forbidden(id, "role", room.members().nick(target) + " owns room '" + room.name() + "': nobody changes the owner's role"));
      return Room.ANSWERED;
    }
    RoomRole wanted = RoomRole.fromWire(roleName);
    String principal = RoomRules.principal(room.members().nick(target), target.account());
    if (wanted == current) {
      Room.ok(session, id, null);
      return Room.ANSWERED;
    }
    if (!room.rules().hasRoomForRole(principal)) {
      session.send(new LimitReached("max_roles_per_room", "room '" + room.name() + "' holds its maximum of "
          + RoomRules.MAX_ROLES + " roles").error(id, "role"));
      return Room.ANSWERED;
    }
    String by = room.members().nick(session);
    Instant at = room.now();
    return room.record(session, id, "role", new ServerMessage.Role(room.name(), room.members().nick(target), wanted.wireName(), by, null),
        RoomRules.roleChange(principal, wanted, by, at), event -> {
          room.rules().setRole(principal, wanted, by, at);
          room.broadcastEvent(event);
        });
  }

  /**
   * {@code invite{nick}}: {@code target} may then join once past {@code invite_only} and the key.
   * It is told with {@code invite} when it takes events, else with a {@code dm} from the inviter.
   */
  void invite(Member session, Member target, String id) {
    if (room.actor(session, RoomAction.INVITE, "invite", id) == null) {
      return;
    }
    if (room.members().contains(target)) {
      session.send(new ServerMessage.Error(id, ErrorCode.BAD_REQUEST, target.nick() + " is in room '" + room.name()
          + "' already").forCommand("invite"));
      return;
    }
    room.rules().invite(RoomRules.principal(target.nick(), target.account()));
    String by = room.members().nick(session);
    target.send(target.takes(Capability.EVENTS) ? new ServerMessage.Invite(room.name(), by)
        : new ServerMessage.Dm(by, target.nick(), by + " invites you to room " + room.name(), room.now()));
    Room.ok(session, id, null);
  }

  /**
   * A server admin becomes the owner of this room, whose owner is not in it (§17.6). Members with
   * {@code events} see {@code role{owner}}; with an account, the room is owned and its rules stored.
   */
  CompletionStage<?> takeOverAsAdmin(Member admin, String id) {
    String owner = room.rules().owner();
    if (owner != null && room.members().any((member, nick) -> owner.equals(RoomRules.principal(nick, member.account())))) {
      admin.send(Room.forbidden(id, "admin_takeover", "the owner of room '" + room.name() + "' is in it"));
      return Room.ANSWERED;
    }
    String principal = RoomRules.principal(admin.nick(), admin.account());
    Instant at = room.now();
    room.rules().setOwner(principal, admin.nick(), at);
    return room.record(admin, id, "admin_takeover", new ServerMessage.Role(room.name(), admin.nick(), RoomRole.OWNER.wireName(),
        admin.nick(), null), new RuleChange.Snapshot(room.rules().snapshot()), room::broadcastEvent);
  }
}
