package io.netchat.server.room;

import static io.netchat.server.room.ModeratedRoom.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.store.StoredRules;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kick}, {@code ban}, {@code unban} and {@code bans} called on the room (§17): what the
 * target, the other members and the actor each get, and that a refusal answers at once (its stage
 * is complete, so the actor's next command is not held).
 */
class RoomModerationTest {
  private final ModeratedRoom r = new ModeratedRoom();
  private final Attendee ann = r.join("ann", true); // the owner
  private final Attendee bob = r.join("bob", true);
  private final Attendee carol = r.join("carol", true);

  @AfterEach
  void close() {
    r.close();
  }

  @Test
  void aKickWithoutReasonRemovesTheTargetAndEveryoneSeesIt() {
    CompletionStage<?> answered = r.moderation().kick(ann, "BOB", null, "k");

    assertThat(answered.toCompletableFuture()).isCompleted();
    ServerMessage.Kick kick = new ServerMessage.Kick("r", "bob", "ann", null, 1L);
    assertThat(bob.received()).containsExactly(kick);
    assertThat(carol.received()).containsExactly(kick);
    assertThat(ann.received()).containsExactly(kick, new ServerMessage.Ok("k"));
    assertThat(r.room().members().contains(bob)).isFalse();
  }

  @Test
  void aKickWithAReasonPastTheTextLimitIsRefusedAndTheTargetStays() {
    CompletionStage<?> answered = r.moderation().kick(ann, "bob", "x".repeat(r.limits.maxTextLength() + 1), "k");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(e.command()).isEqualTo("kick");
    });
    assertThat(bob.received()).isEmpty();
    assertThat(r.room().members().contains(bob)).isTrue();
  }

  @Test
  void kickingSomeoneNotInTheRoomAnswersNoSuchUser() {
    CompletionStage<?> answered = r.moderation().kick(ann, "dave", "bye", "k");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(ann.received()).containsExactly(new ServerMessage.Error("k", "no_such_user",
        "nobody called 'dave' is in room 'r'", "kick", null, null, null));
  }

  @Test
  void anOpCannotKickAnotherOp() {
    r.moderation().role(ann, "bob", "op", "o");
    r.moderation().role(ann, "carol", "op", "o");
    bob.received();
    carol.received();

    CompletionStage<?> answered = r.moderation().kick(bob, "carol", null, "k");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(bob.received()).containsExactly(new ServerMessage.Error("k", "forbidden",
        "you cannot kick carol: their role is op, not below yours (op)", "kick", null, null, null));
    assertThat(carol.received()).isEmpty();
    assertThat(r.room().members().contains(carol)).isTrue();
  }

  @Test
  void aBanIsARoomEventTheMembersSeeAndTheActorIsAnswered() {
    CompletionStage<?> answered = r.moderation().ban(ann, "Spam*", 60L, null, "b");

    assertThat(answered.toCompletableFuture()).isCompleted();
    ServerMessage.Ban ban = new ServerMessage.Ban("r", "spam*", "ann", null, 60L, 1L);
    assertThat(carol.received()).containsExactly(ban);
    assertThat(ann.received()).containsExactly(ban, new ServerMessage.Ok("b"));
    assertThat(r.room().rules().isBanned(BanMask.parse("spam*"))).isTrue();
  }

  @Test
  void aBanWithAReasonPastTheTextLimitIsRefused() {
    CompletionStage<?> answered = r.moderation().ban(ann, "spam*", null, "x".repeat(r.limits.maxTextLength() + 1), "b");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).extracting(ServerMessage.Error::errorCode).containsExactly(ErrorCode.TOO_LARGE);
    assertThat(carol.received()).isEmpty();
    assertThat(r.room().rules().isBanned(BanMask.parse("spam*"))).isFalse();
  }

  @Test
  void aBanPastTheRoomsMaximumIsRefusedWithItsLimit() {
    for (int i = 0; i < RoomRules.MAX_BANS; i++) {
      r.room().rules().addBan(new StoredRules.Ban("b" + i, "ann", "", ModeratedRoom.NOW, null));
    }

    CompletionStage<?> answered = r.moderation().ban(ann, "one-more", null, null, "b");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(e.limit()).isEqualTo("max_bans_per_room");
      assertThat(e.command()).isEqualTo("ban");
    });
    assertThat(r.room().rules().isBanned(BanMask.parse("one-more"))).isFalse();
  }

  @Test
  void anUnbanLiftsTheBanUnderAnySpellingAndTheMembersSeeIt() {
    r.moderation().ban(ann, "account:eve", null, null, "b");
    ann.received();
    carol.received();

    CompletionStage<?> answered = r.moderation().unban(ann, "ACCOUNT:Eve", "u");

    assertThat(answered.toCompletableFuture()).isCompleted();
    ServerMessage.Unban unban = new ServerMessage.Unban("r", "account:eve", "ann", 2L);
    assertThat(carol.received()).containsExactly(unban);
    assertThat(ann.received()).containsExactly(unban, new ServerMessage.Ok("u"));
    assertThat(r.room().rules().isBanned(BanMask.parse("account:eve"))).isFalse();
  }

  @Test
  void anUnbanByAMemberOfABadMaskOrOfNoBanIsRefusedAtOnce() {
    assertThat(r.moderation().unban(bob, "spam*", "u").toCompletableFuture()).isCompleted();
    assertThat(errors(bob.received())).extracting(ServerMessage.Error::errorCode).containsExactly(ErrorCode.FORBIDDEN);

    assertThat(r.moderation().unban(ann, "a@b", "u").toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(e.message()).startsWith("bad mask 'a@b'");
    });

    assertThat(r.moderation().unban(ann, "Spam*", "u").toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).extracting(ServerMessage.Error::message)
        .containsExactly("room 'r' has no ban of 'spam*'");
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void theBanListShowsAReasonOnlyWhereOneWasGivenAndIsAnsweredWithOk() {
    r.moderation().ban(ann, "a1", null, "ads", "b");
    r.moderation().ban(ann, "a2", 60L, null, "b");
    ann.received();

    r.moderation().sendBans(ann, null, 10, "l");

    assertThat(ann.received()).containsExactly(new ServerMessage.Bans("r", java.util.List.of(
            new ServerMessage.BanInfo("a1", "ann", "ads", ModeratedRoom.NOW, null),
            new ServerMessage.BanInfo("a2", "ann", null, ModeratedRoom.NOW, ModeratedRoom.NOW.plusSeconds(60))),
        null, "l"), new ServerMessage.Ok("l"));
  }
}
