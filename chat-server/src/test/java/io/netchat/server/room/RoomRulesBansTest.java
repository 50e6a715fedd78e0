package io.netchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.RuleChange;
import io.netchat.store.StoredRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A room's bans and invites on their own (§17.3): the cap on bans, expired bans dropped wherever
 * they are met, the bounded invites (the oldest goes first), and the refusals a join gets.
 */
class RoomRulesBansTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private final RoomRules rules = new RoomRules();

  @Test
  void banCapCountsOnlyNewMasks() {
    rules.addBan(ban("kept", null));
    assertThat(rules.hasRoomForBan(BanMask.parse("KEPT"))).as("a held mask, well under the cap").isTrue();
    for (int i = 1; i < RoomRules.MAX_BANS - 1; i++) {
      rules.addBan(ban("b" + i, null));
    }
    assertThat(rules.hasRoomForBan(BanMask.parse("new"))).as("one below the cap").isTrue();
    rules.addBan(ban("last", null));

    assertThat(rules.hasRoomForBan(BanMask.parse("new"))).as("at the cap").isFalse();
    assertThat(rules.hasRoomForBan(BanMask.parse("kept"))).as("a ban of a held mask replaces it").isTrue();
  }

  @Test
  void aBanLastsUntilItsExpiryAndAnExpiredOneMetByAJoinIsDropped() {
    StoredRules.Ban spam = ban("spam*", T0.plusSeconds(60));
    rules.addBan(spam);
    assertThat(rules.find("spammer", null, null, T0.plusSeconds(59))).isEqualTo(spam);

    assertThat(rules.find("spammer", null, null, T0.plusSeconds(60))).as("ends at its expiry").isNull();
    assertThat(rules.isBanned(BanMask.parse("spam*"))).as("nothing left to unban").isFalse();
    assertThat(rules.snapshot().bans()).as("nothing left to store").isEmpty();
  }

  @Test
  void theBanListLeavesOutAndDropsExpiredBans() {
    rules.addBan(ban("a1", T0.plusSeconds(10)));
    rules.addBan(ban("a2", null));
    rules.addBan(ban("a3", T0.plusSeconds(100)));

    Page<StoredRules.Ban> page = rules.bans(null, 10, T0.plusSeconds(50));

    assertThat(page.items()).extracting(StoredRules.Ban::mask).containsExactly("a2", "a3");
    assertThat(page.more()).isFalse();
    assertThat(rules.isBanned(BanMask.parse("a1"))).isFalse();
    assertThat(rules.snapshot().bans()).extracting(StoredRules.Ban::mask).containsExactly("a2", "a3");
  }

  @Test
  void theRoomHoldsAtMostMaxInvitesAndTheOldestGoesFirst() {
    rules.setModes(new RuleChange.ModesSet(true, null, null, null, null, null));
    for (int i = 0; i < RoomRules.MAX_INVITES; i++) {
      rules.invite("nick:g" + i);
    }
    assertThat(refusal("g0", null)).as("exactly at the cap").isNull();

    rules.invite("nick:g" + RoomRules.MAX_INVITES);

    assertThat(refusal("g0", null)).as("the oldest went").isEqualTo(ErrorCode.INVITE_ONLY);
    assertThat(refusal("g1", null)).isNull();
    assertThat(refusal("g" + RoomRules.MAX_INVITES, null)).isNull();
  }

  @Test
  void aKeyedRoomSaysWhetherTheKeyIsMissingOrWrong() {
    rules.setModes(new RuleChange.ModesSet(null, "s3same", null, null, null, null));

    ServerMessage.Error missing = rules.refusesJoin("r", "bob", null, "192.0.2.1", null, 1, T0, "j");
    ServerMessage.Error wrong = rules.refusesJoin("r", "bob", null, "192.0.2.1", "guess", 1, T0, "j");

    assertThat(missing.errorCode()).isEqualTo(ErrorCode.BAD_KEY);
    assertThat(missing.message()).isEqualTo("room 'r' needs a key: join with it");
    assertThat(wrong.errorCode()).isEqualTo(ErrorCode.BAD_KEY);
    assertThat(wrong.message()).isEqualTo("that is not the key of room 'r'");
    assertThat(refusal("bob", "s3same")).isNull();
    rules.invite("nick:bob");
    assertThat(refusal("bob", null)).as("an invite passes the key").isNull();
  }

  private ErrorCode refusal(String nick, String key) {
    ServerMessage.Error error = rules.refusesJoin("r", nick, null, "192.0.2.1", key, 1, T0, "j");
    return error == null ? null : error.errorCode();
  }

  private static StoredRules.Ban ban(String mask, Instant expires) {
    return new StoredRules.Ban(mask, "ann", "", T0, expires);
  }
}
