package io.netchat.server.room;

import static io.netchat.server.room.ModeratedRoom.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mode}, {@code role} and {@code invite} called on the room (§17): the event the members
 * see, the answer the actor gets, no event when nothing changes, the limits, and that a refusal
 * answers at once (its stage is complete).
 */
class RoomModesAndRolesTest {
  private final ModeratedRoom r = new ModeratedRoom();
  private final Attendee ann = r.join("ann", true); // the owner
  private final Attendee bob = r.join("bob", true);
  private final Attendee carol = r.join("carol", true);

  @AfterEach
  void close() {
    r.close();
  }

  @Test
  void aModeReadAnswersEveryModeThenOk() {
    CompletionStage<?> answered = r.moderation().mode(carol, mode(null, null), "m");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(carol.received()).containsExactly(
        new ServerMessage.Mode("r", false, "", false, false, false, 0, null, null, "m"), new ServerMessage.Ok("m"));
  }

  @Test
  void aModeChangeByAMemberIsRefusedAtOnce() {
    CompletionStage<?> answered = r.moderation().mode(bob, mode(true, null), "m");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(errors(bob.received())).extracting(ServerMessage.Error::errorCode).containsExactly(ErrorCode.FORBIDDEN);
    assertThat(r.room().rules().modes().inviteOnly()).isFalse();
  }

  @Test
  void aLimitOfExactlyTheServersMaximumIsTakenAndOneMoreIsRefused() {
    int max = r.limits.maxMembersPerRoom();

    assertThat(r.moderation().mode(ann, mode(null, max + 1), "m").toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).extracting(ServerMessage.Error::errorCode).containsExactly(ErrorCode.BAD_REQUEST);

    r.moderation().mode(ann, mode(null, max), "m");
    assertThat(carol.received()).containsExactly(new ServerMessage.Mode("r", null, null, null, null, null, max, "ann",
        1L, null));
    assertThat(ann.received()).endsWith(new ServerMessage.Ok("m"));
    assertThat(r.room().rules().modes().limit()).isEqualTo(max);
  }

  @Test
  void aModeThatChangesNothingIsAnsweredOkWithoutAnEvent() {
    CompletionStage<?> answered = r.moderation().mode(ann, mode(false, 0), "m");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("m"));
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void aRoleIsARoomEventTheMembersSee() {
    CompletionStage<?> answered = r.moderation().role(ann, "Bob", "voice", "o");

    assertThat(answered.toCompletableFuture()).isCompleted();
    ServerMessage.Role role = new ServerMessage.Role("r", "bob", "voice", "ann", 1L);
    assertThat(carol.received()).containsExactly(role);
    assertThat(bob.received()).containsExactly(role);
    assertThat(ann.received()).containsExactly(role, new ServerMessage.Ok("o"));
    assertThat(r.room().roleOf(bob)).isEqualTo(RoomRole.VOICE);
  }

  @Test
  void aRoleByAMemberOrForSomeoneNotInTheRoomIsRefusedAtOnce() {
    assertThat(r.moderation().role(bob, "carol", "op", "o").toCompletableFuture()).isCompleted();
    assertThat(errors(bob.received())).extracting(ServerMessage.Error::errorCode).containsExactly(ErrorCode.FORBIDDEN);

    assertThat(r.moderation().role(ann, "dave", "op", "o").toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).extracting(ServerMessage.Error::errorCode)
        .containsExactly(ErrorCode.NO_SUCH_USER);
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void theRoleAMemberHoldsAlreadyIsAnsweredOkWithoutAnEvent() {
    CompletionStage<?> answered = r.moderation().role(ann, "bob", "member", "o");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("o"));
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void aRolePastTheRoomsMaximumIsRefusedWithItsLimit() {
    for (int i = 1; i < RoomRules.MAX_ROLES; i++) { // the owner holds one
      r.room().rules().setRole("nick:g" + i, RoomRole.VOICE, "ann", ModeratedRoom.NOW);
    }

    CompletionStage<?> answered = r.moderation().role(ann, "bob", "voice", "o");

    assertThat(answered.toCompletableFuture()).isCompleted();
    assertThat(errors(ann.received())).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(e.limit()).isEqualTo("max_roles_per_room");
    });
    assertThat(bob.received()).isEmpty();
    assertThat(r.room().roleOf(bob)).isEqualTo(RoomRole.MEMBER);
  }

  @Test
  void invitingSomeoneInTheRoomAlreadyIsRefusedAndTellsThemNothing() {
    r.moderation().invite(ann, bob, "i");

    assertThat(errors(ann.received())).singleElement().satisfies(e -> {
      assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(e.message()).isEqualTo("bob is in room 'r' already");
    });
    assertThat(bob.received()).isEmpty();
  }

  private static ClientMessage.Mode mode(Boolean inviteOnly, Integer limit) {
    return new ClientMessage.Mode("m", "r", inviteOnly, null, null, null, null, limit);
  }
}
