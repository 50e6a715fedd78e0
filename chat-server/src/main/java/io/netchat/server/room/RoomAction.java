package io.netchat.server.room;

import io.netchat.store.StoredRules;

/**
 * What a member may do in a room, and the least role each action needs under the room's modes
 * (§17): the one table of the room's policy. Acting on another member ({@code kick}, {@code role})
 * adds a rule about the target, see {@link #mayActOn}.
 */
public enum RoomAction {
  /** {@code say}: voice or above in a moderated room. */
  SAY,
  /** Setting the topic: op or above when the topic is locked. */
  SET_TOPIC,
  /** {@code kick}. */
  KICK,
  /** {@code ban} and {@code unban}. */
  BAN,
  /** {@code bans}: the list says who was banned, by whom and why. */
  LIST_BANS,
  /** Changing a mode. */
  SET_MODE,
  /** {@code role}: giving or taking {@code op} and {@code voice}. */
  SET_ROLE,
  /** {@code invite}: op or above in an invite-only room, any member otherwise. */
  INVITE;

  /** The least role this action needs in a room with {@code modes}. */
  public RoomRole needs(StoredRules.Modes modes) {
    return switch (this) {
      case SAY -> modes.moderated() ? RoomRole.VOICE : RoomRole.MEMBER;
      case SET_TOPIC -> modes.topicLocked() ? RoomRole.OP : RoomRole.MEMBER;
      case INVITE -> modes.inviteOnly() ? RoomRole.OP : RoomRole.MEMBER;
      case KICK, BAN, LIST_BANS, SET_MODE, SET_ROLE -> RoomRole.OP;
    };
  }

  /** Whether {@code actor} may do this in a room with {@code modes}. */
  public boolean allows(RoomRole actor, StoredRules.Modes modes) {
    return actor.atLeast(needs(modes));
  }

  /**
   * Whether {@code actor} may do this to a member holding {@code target}: a kick needs a role
   * above the target's; nobody changes the owner's role; everything else has no target rule.
   */
  public boolean mayActOn(RoomRole actor, RoomRole target) {
    return switch (this) {
      case KICK -> actor.compareTo(target) > 0;
      case SET_ROLE -> target != RoomRole.OWNER;
      default -> true;
    };
  }
}
