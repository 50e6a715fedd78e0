package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room's rules on their own (§17): who owns the room and whether it is stored, the cap on roles,
 * a guest's role, ownership and invite following its nick, what a {@code mode} changes, and what
 * the store keeps.
 */
class RoomRulesTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private final RoomRules rules = new RoomRules();

  @Test
  void theFirstClaimOwnsTheRoomAndOnlyAnAccountOwnerMakesItOwned() {
    assertThat(rules.owned()).as("nobody owns it").isFalse();
    assertThat(rules.claim("nick:ann", "ann", T0)).isTrue();
    assertThat(rules.owner()).isEqualTo("nick:ann");
    assertThat(rules.owned()).as("a guest's room is not stored").isFalse();
    assertThat(rules.claim("account:bob", "bob", T0)).as("owned already").isFalse();
    assertThat(rules.owner()).isEqualTo("nick:ann");
    assertThat(rules.role("account:bob")).isEqualTo(RoomRole.MEMBER);

    RoomRules byAccount = new RoomRules();
    assertThat(byAccount.claim("account:bob", "bob", T0)).isTrue();
    assertThat(byAccount.owned()).isTrue();
    assertThat(byAccount.role("account:bob")).isEqualTo(RoomRole.OWNER);
  }

  @Test
  void restoredRulesTakeTheOwnerFromTheOwnerGrantAlone() {
    rules.restore(new StoredRules(new StoredRules.Modes(true, "k", false, false, false, 0), List.of(
        new StoredRules.Grant("amy", "op", "zed", T0),
        new StoredRules.Grant("zed", "owner", "zed", T0),
        new StoredRules.Grant("bea", "voice", "amy", T0)),
        List.of(new StoredRules.Ban("spam*", "zed", "", T0, null))));

    assertThat(rules.owner()).isEqualTo("account:zed");
    assertThat(rules.owned()).isTrue();
    assertThat(rules.role("account:amy")).isEqualTo(RoomRole.OP);
    assertThat(rules.role("account:bea")).isEqualTo(RoomRole.VOICE);
    assertThat(rules.modes().inviteOnly()).isTrue();
    assertThat(rules.find("spammer", null, null, T0)).isNotNull();
  }

  @Test
  void roleCapCountsOnlyNewHolders() {
    rules.setRole("account:kept", RoomRole.VOICE, "ann", T0);
    assertThat(rules.hasRoomForRole("account:kept")).as("a holder, well under the cap").isTrue();
    for (int i = 1; i < RoomRules.MAX_ROLES - 1; i++) {
      rules.setRole("nick:g" + i, RoomRole.VOICE, "ann", T0);
    }
    assertThat(rules.hasRoomForRole("nick:new")).as("one below the cap").isTrue();
    rules.setRole("nick:last", RoomRole.VOICE, "ann", T0);

    assertThat(rules.hasRoomForRole("nick:new")).as("at the cap").isFalse();
    assertThat(rules.hasRoomForRole("account:kept")).as("a holder's role changes in place").isTrue();
  }

  @Test
  void aGuestsRoleAndOwnershipFollowItsNickAndAnotherGuestsRenameLeavesTheOwnerAlone() {
    rules.claim("nick:ann", "ann", T0);
    rules.setRole("nick:bob", RoomRole.OP, "ann", T0);

    rules.renamed("bob", "bobby");
    assertThat(rules.role("nick:bobby")).isEqualTo(RoomRole.OP);
    assertThat(rules.role("nick:bob")).isEqualTo(RoomRole.MEMBER);
    assertThat(rules.owner()).as("bob owns nothing").isEqualTo("nick:ann");

    rules.renamed("ann", "Anna");
    assertThat(rules.owner()).isEqualTo("nick:anna");
    assertThat(rules.role("nick:anna")).isEqualTo(RoomRole.OWNER);
  }

  @Test
  void anInviteFollowsTheInvitedGuestsNickAndARenameInvitesNobody() {
    rules.setModes(new RuleChange.ModesSet(true, null, null, null, null, null));
    rules.invite("nick:carol");

    rules.renamed("carol", "caro");
    rules.renamed("dave", "david");

    assertThat(refusal("caro")).isNull();
    assertThat(refusal("carol")).isEqualTo(ErrorCode.INVITE_ONLY);
    assertThat(refusal("david")).as("dave was never invited").isEqualTo(ErrorCode.INVITE_ONLY);
  }

  @Test
  void aModeCommandChangesEachFieldThatDiffersAndNothingWhenAllAreAsTheyAre() {
    assertThat(rules.changes(mode(true, null, null, null, null, null)))
        .isEqualTo(new RuleChange.ModesSet(true, null, null, null, null, null));
    assertThat(rules.changes(mode(null, "k", null, null, null, null)))
        .isEqualTo(new RuleChange.ModesSet(null, "k", null, null, null, null));
    assertThat(rules.changes(mode(null, null, true, null, null, null)))
        .isEqualTo(new RuleChange.ModesSet(null, null, true, null, null, null));
    assertThat(rules.changes(mode(null, null, null, true, null, null)))
        .isEqualTo(new RuleChange.ModesSet(null, null, null, true, null, null));
    assertThat(rules.changes(mode(null, null, null, null, true, null)))
        .isEqualTo(new RuleChange.ModesSet(null, null, null, null, true, null));
    assertThat(rules.changes(mode(null, null, null, null, null, 5)))
        .isEqualTo(new RuleChange.ModesSet(null, null, null, null, null, 5));

    assertThat(rules.changes(mode(false, "", false, false, false, 0))).as("every mode as it is").isNull();
    rules.setModes(new RuleChange.ModesSet(true, "k", null, null, null, 5));
    assertThat(rules.changes(mode(true, "k", null, null, null, 4)))
        .isEqualTo(new RuleChange.ModesSet(null, null, null, null, null, 4));
  }

  @Test
  void theStoreKeepsTheAccountsRolesInAccountOrderAndNoGuestsRole() {
    rules.claim("account:mia", "mia", T0);
    rules.setRole("account:zed", RoomRole.OP, "mia", T0);
    rules.setRole("nick:guest", RoomRole.OP, "mia", T0);
    rules.setRole("account:amy", RoomRole.VOICE, "zed", T0.plusSeconds(1));
    rules.setRole("account:kim", RoomRole.OP, "mia", T0);
    rules.setRole("account:bea", RoomRole.VOICE, "mia", T0);

    assertThat(rules.snapshot().roles()).containsExactly(
        new StoredRules.Grant("amy", "voice", "zed", T0.plusSeconds(1)),
        new StoredRules.Grant("bea", "voice", "mia", T0),
        new StoredRules.Grant("kim", "op", "mia", T0),
        new StoredRules.Grant("mia", "owner", "mia", T0),
        new StoredRules.Grant("zed", "op", "mia", T0));
  }

  @Test
  void anAccountsRoleChangeIsStoredAndAGuestsIsNot() {
    assertThat(RoomRules.roleChange("account:amy", RoomRole.OP, "zed", T0))
        .isEqualTo(new RuleChange.RoleSet(new StoredRules.Grant("amy", "op", "zed", T0)));
    assertThat(RoomRules.roleChange("account:amy", RoomRole.MEMBER, "zed", T0))
        .isEqualTo(new RuleChange.RoleRemoved("amy"));
    assertThat(RoomRules.roleChange("nick:amy", RoomRole.OP, "zed", T0)).isNull();
  }

  private ErrorCode refusal(String nick) {
    ServerMessage.Error error = rules.refusesJoin("r", nick, null, "192.0.2.1", null, 1, T0, "j");
    return error == null ? null : error.errorCode();
  }

  private static ClientMessage.Mode mode(Boolean inviteOnly, String key, Boolean moderated, Boolean topicLocked,
      Boolean secret, Integer limit) {
    return new ClientMessage.Mode("m", "r", inviteOnly, key, moderated, topicLocked, secret, limit);
  }
}
