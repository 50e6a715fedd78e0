package io.netchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ServerMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomLedgerTest {
  private final RoomLedger ledger = new RoomLedger();

  private static ServerMessage.Message message(String room, long seq) {
    return new ServerMessage.Message(room, seq, "bob", "m" + seq, Instant.EPOCH);
  }

  private static ServerMessage.Joined joined(String room, long seq) {
    return new ServerMessage.Joined(room, "", List.of("ann"), seq);
  }

  @Test
  void dropsWhatWasDeliveredBeforeCaseInsensitively() {
    ledger.onJoined(joined("Lobby", 2), null);
    assertThat(ledger.accept(message("Lobby", 1))).isTrue();
    assertThat(ledger.accept(message("Lobby", 2))).isTrue();
    ledger.onJoinCompleted(joined("Lobby", 2));

    assertThat(ledger.accept(message("lobby", 2))).isFalse();
    assertThat(ledger.accept(message("LOBBY", 1))).isFalse();
    assertThat(ledger.accept(message("lobby", 3))).isTrue();
    assertThat(ledger.lastSeqs()).containsEntry("Lobby", 3L);
  }

  @Test
  void aCompletedJoinSetsTheFloorEvenWithoutBacklog() {
    ledger.onJoined(joined("lobby", 40), null);
    ledger.onJoinCompleted(joined("lobby", 40));

    assertThat(ledger.lastSeqs()).containsEntry("lobby", 40L);
    assertThat(ledger.accept(message("lobby", 40))).isFalse();
    assertThat(ledger.accept(message("lobby", 41))).isTrue();
  }

  private static ServerMessage.Joined joined(String room, long seq, String epoch, boolean recovered) {
    return new ServerMessage.Joined(room, "", List.of("ann"), seq, 1, epoch, recovered);
  }

  @Test
  void aNewEpochForgetsTheOldNumberingSoTheNewRoomsMessagesAreDelivered() {
    ledger.onJoined(joined("lobby", 0, "e1", false), null);
    assertThat(ledger.accept(message("lobby", 1))).isTrue();
    assertThat(ledger.accept(message("lobby", 2))).isTrue();
    ledger.onJoinCompleted(joined("lobby", 2, "e1", false));
    assertThat(ledger.positions()).containsEntry("lobby", new RoomLedger.Position(2, "e1", null));

    boolean rejoin = ledger.onJoined(joined("lobby", 5, "e2", false), 2L);
    assertThat(rejoin).as("no second join needed: the answer already holds the latest page").isFalse();
    assertThat(List.of(1L, 2L, 3L, 4L, 5L)).allMatch(seq -> ledger.accept(message("lobby", seq)));
    ledger.onJoinCompleted(joined("lobby", 5, "e2", false));
    assertThat(ledger.positions()).containsEntry("lobby", new RoomLedger.Position(5, "e2", null));
    assertThat(ledger.accept(message("lobby", 5))).isFalse();
  }

  @Test
  void theOwnRoleIsWhatJoinedSaidUntilARoleEventMovesIt() {
    ledger.onJoined(new ServerMessage.Joined("Den", "", List.of("ann"), 0, 1, "e1", false, "1", "member"), null);
    assertThat(ledger.positions().get("Den").role()).isEqualTo("member");
    ledger.onRole("den", "op");
    assertThat(ledger.positions().get("Den").role()).isEqualTo("op");
    ledger.onJoined(new ServerMessage.Joined("Den", "", List.of("ann"), 0, 1, "e1", true, "2", "voice"), 0L);
    assertThat(ledger.positions().get("Den").role()).as("a re-join's answer is the latest word").isEqualTo("voice");
    ledger.onJoined(joined("v1", 0), null);
    assertThat(ledger.positions().get("v1").role()).as("a v1 server does not say").isNull();
    ledger.onRole("elsewhere", "op");
    assertThat(ledger.positions()).doesNotContainKey("elsewhere");
  }

  @Test
  void theSameEpochKeepsTheFloor() {
    ledger.onJoined(joined("lobby", 3, "e1", false), null);
    ledger.onJoinCompleted(joined("lobby", 3, "e1", false));
    ledger.onJoined(joined("lobby", 4, "e1", true), 3L);
    assertThat(ledger.accept(message("lobby", 3))).isFalse();
    assertThat(ledger.accept(message("lobby", 4))).isTrue();
  }

  @Test
  void aRoomBehindOurSeqIsResyncedFromItsStart() {
    ledger.onJoined(joined("lobby", 0), null);
    ledger.accept(message("lobby", 5));

    boolean reset = ledger.onJoined(joined("lobby", 2), 5L);
    ledger.onJoinCompleted(joined("lobby", 2));
    boolean liveWhileResyncing = ledger.accept(message("lobby", 3));
    boolean secondReset = ledger.onJoined(joined("lobby", 3), 0L);

    assertThat(reset).isTrue();
    assertThat(liveWhileResyncing).isFalse();
    assertThat(secondReset).isFalse();
    assertThat(List.of(1L, 2L, 3L)).allMatch(seq -> ledger.accept(message("lobby", seq)));
    assertThat(ledger.accept(message("lobby", 3))).isFalse();
  }

  @Test
  void messagesOfRoomsNotJoinedPassAndLeavingForgetsTheRoom() {
    assertThat(ledger.accept(message("elsewhere", 1))).isTrue();
    ledger.onJoined(joined("lobby", 0), null);
    ledger.onLeft("LOBBY");

    assertThat(ledger.lastSeqs()).isEmpty();
  }
}
