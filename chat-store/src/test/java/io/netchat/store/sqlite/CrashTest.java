package io.netchat.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.store.RoomState;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a process appending to the store, then a restart on the same directory. */
class CrashTest {

  private static final int ACKS = 300;

  @TempDir
  Path dir;

  @Test
  void underCommitEveryAcknowledgedMessageSurvivesOnceInOrderAndSeqsContinue() throws Exception {
    Map<String, TreeSet<Long>> acked = new HashMap<>();
    Map<String, Long> epochs = new HashMap<>();
    runAndKill("commit", acked, epochs);

    try (SqliteStore store = SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.COMMIT))) {
      for (Map.Entry<String, TreeSet<Long>> e : acked.entrySet()) {
        String room = e.getKey();
        RoomState state = store.openRoom(room, room, Instant.now()).get(30, TimeUnit.SECONDS);
        assertThat(state.meta().epoch()).as("nothing acknowledged was lost: same epoch")
            .isEqualTo(epochs.get(room));
        assertThat(state.lastSeq()).isGreaterThanOrEqualTo(e.getValue().last());
        List<StoredMessage> stored = store.readAfter(room, 0, 1000).get(30, TimeUnit.SECONDS);
        assertThat(stored).extracting(StoredMessage::seq)
            .as("seqs 1..last, no gap, no repeat")
            .containsExactlyElementsOf(LongStream.rangeClosed(1, state.lastSeq()).boxed().toList());
        assertThat(stored).extracting(StoredMessage::seq).containsAll(e.getValue());
        for (StoredMessage m : stored) {
          assertThat(m.text()).isEqualTo(room + "-" + (m.seq() - 1));
        }
        assertThat(store.append(room, "after", "restart", Instant.now()).get(30, TimeUnit.SECONDS))
            .isEqualTo(state.lastSeq() + 1);
      }
    }
  }

  @Test
  void underAsyncAnUncleanStopGivesEveryRoomANewEpoch() throws Exception {
    Map<String, TreeSet<Long>> acked = new HashMap<>();
    Map<String, Long> epochs = new HashMap<>();
    runAndKill("async", acked, epochs);

    try (SqliteStore store = SqliteStore.open(SqliteStoreTest.config(dir, StoreConfig.Durability.ASYNC))) {
      for (String room : epochs.keySet()) {
        RoomState state = store.openRoom(room, room, Instant.now()).get(30, TimeUnit.SECONDS);
        assertThat(state.meta().epoch()).isNotEqualTo(epochs.get(room));
        List<StoredMessage> stored = store.readAfter(room, 0, 1000).get(30, TimeUnit.SECONDS);
        assertThat(stored).extracting(StoredMessage::seq).as("what survived is a prefix, no repeat")
            .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
      }
    }
  }

  private void runAndKill(String durability, Map<String, TreeSet<Long>> acked, Map<String, Long> epochs)
      throws Exception {
    try (ChildProcess child = new ChildProcess("append", dir, durability)) {
      int acks = 0;
      String line;
      while (acks < ACKS && (line = child.nextLine()) != null) {
        String[] f = line.split(" ");
        if (f[0].equals("EPOCH")) {
          epochs.put(f[1], Long.parseLong(f[2]));
        } else if (f[0].equals("ACK")) {
          acked.computeIfAbsent(f[1], k -> new TreeSet<>()).add(Long.parseLong(f[2]));
          acks++;
        }
      }
      child.kill9();
      assertThat(acks).as("the child acknowledged appends before it was killed").isEqualTo(ACKS);
    }
    assertThat(epochs).containsOnlyKeys("alpha", "beta", "gamma");
  }
}
