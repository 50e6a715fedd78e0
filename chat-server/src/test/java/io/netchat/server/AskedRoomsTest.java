package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rooms a session asked to be in: what bounds max_rooms_per_session and what a disconnect cleans up. */
class AskedRoomsTest {
  private final AskedRooms rooms = new AskedRooms();

  @Test
  void unansweredJoinsCountTowardsTheLimit() {
    rooms.joinSent("a");
    rooms.joinSent("b");
    assertThat(rooms.admits("c", 2)).isFalse();
    assertThat(rooms.admits("a", 2)).as("joining again a room asked for").isTrue();
    rooms.joinAnswered("b", false);
    assertThat(rooms.admits("c", 2)).isTrue();
    assertThat(rooms.all()).containsExactly("a");
  }

  @Test
  void aRefusalAnswersOnlyItsOwnJoin() {
    rooms.joinSent("r"); // refused: the room is full
    rooms.joinSent("r"); // sent before the refusal came back; accepted
    rooms.joinAnswered("r", false);
    assertThat(rooms.all()).containsExactly("r");
    rooms.joinAnswered("r", true);
    assertThat(rooms.all()).containsExactly("r");
    assertThat(rooms.size()).isEqualTo(1);
  }

  @Test
  void leavingForgetsTheRoom() {
    rooms.joinSent("r");
    rooms.joinAnswered("r", true);
    rooms.left("r");
    assertThat(rooms.all()).isEmpty();
    assertThat(rooms.size()).isZero();
  }
}
