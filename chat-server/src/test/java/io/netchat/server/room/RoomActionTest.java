package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.store.StoredRules;
import org.junit.jupiter.api.Test;

/** The policy table's own rules (§17): who may invite, and whom a kick or a role change may touch. */
class RoomActionTest {
  private static final StoredRules.Modes INVITE_ONLY = new StoredRules.Modes(true, "", false, false, false, 0);

  @Test
  void anInviteNeedsAnOpOnlyInAnInviteOnlyRoom() {
    assertThat(RoomAction.INVITE.needs(StoredRules.Modes.NONE)).isEqualTo(RoomRole.MEMBER);
    assertThat(RoomAction.INVITE.needs(INVITE_ONLY)).isEqualTo(RoomRole.OP);
  }

  @Test
  void aKickNeedsARoleAboveTheTargetsAndARoleChangeSparesOnlyTheOwner() {
    assertThat(RoomAction.KICK.mayActOn(RoomRole.OP, RoomRole.VOICE)).isTrue();
    assertThat(RoomAction.KICK.mayActOn(RoomRole.OP, RoomRole.OP)).as("an equal").isFalse();
    assertThat(RoomAction.KICK.mayActOn(RoomRole.OWNER, RoomRole.OP)).isTrue();
    assertThat(RoomAction.SET_ROLE.mayActOn(RoomRole.OP, RoomRole.OP)).isTrue();
    assertThat(RoomAction.SET_ROLE.mayActOn(RoomRole.OP, RoomRole.OWNER)).isFalse();
  }
}
