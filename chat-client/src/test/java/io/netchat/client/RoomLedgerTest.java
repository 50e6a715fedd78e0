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
