package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.MemoryConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 finding 1, history, scaled down: texts of 4,096 × U+0100 (UTF-16 strings, 8 KiB each) in
 * several rooms against a history budget of 256 KiB. Before the budget, every room kept its
 * {@code history_size} of them whatever the heap.
 */
class HistoryBudgetLoopbackTest {
  private static final long BUDGET = 256 * 1024;
  private static final String TEXT = "\u0100".repeat(4096);
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void historyStaysWithinItsBudgetAndTheOldestMessagesOfAllRoomsGoFirst() throws Exception {
    server = ChatServer.start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, 500, 10_000, 10_000, null, null))
        .withMemory(new MemoryConfig(0, 0, BUDGET, Duration.ofSeconds(15))));
    InetSocketAddress address = server.addresses().get(0);
    List<String> later = List.of("b", "c", "d");
    try (WireClient ann = WireClient.login(address, "ann")) {
      for (String room : List.of("a", "b", "c", "d")) {
        ann.send(new ClientMessage.Join(null, room, null));
        ann.expect(ServerMessage.Joined.class);
      }
      for (int i = 0; i < 10; i++) { // room a first: 10 messages, well within the budget
        say(ann, "a");
      }
      long maxHeld = 0;
      for (int i = 0; i < 40; i++) { // then 120 more in the other rooms: about four times the budget
        for (String room : later) {
          say(ann, room);
          maxHeld = Math.max(maxHeld, server.historyBudget().held());
        }
      }
      assertThat(maxHeld).as("held history bytes after every say").isLessThanOrEqualTo(BUDGET);
      assertThat(server.historyBudget().evicted()).as("130 messages of 8.2 KiB: 31 fit").isEqualTo(130 - 31);

      try (WireClient bob = WireClient.login(address, "bob")) {
        bob.send(new ClientMessage.Join("j", "a", 0L));
        assertThat(bob.expect(ServerMessage.Gap.class)).as("room a's messages were the oldest: all gone")
            .isEqualTo(new ServerMessage.Gap("a", 1, 10));
        assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("j"));
        List<Long> held = new ArrayList<>();
        for (String room : later) {
          bob.send(new ClientMessage.Join("j" + room, room, 0L));
          ServerMessage.Gap gap = bob.expect(ServerMessage.Gap.class);
          long first = gap.to() + 1;
          for (long seq = first; seq <= 40; seq++) {
            assertThat(((ServerMessage.Message) bob.next()).seq()).isEqualTo(seq);
          }
          assertThat(bob.next()).isEqualTo(new ServerMessage.Ok("j" + room));
          held.add(41 - first);
        }
        assertThat(held).as("each later room keeps its newest, about a third of the budget each")
            .allSatisfy(count -> assertThat(count).isBetween(8L, 12L));
      }
    }
  }

  private static void say(WireClient client, String room) throws Exception {
    client.send(new ClientMessage.Say("s", room, TEXT));
    client.expect(ServerMessage.Ok.class);
  }
}
