package io.netchat.store.sqlite;

import io.netchat.store.RoomState;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreStartupException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A second process on a data directory, for tests that need one (a real lock holder, a real
 * {@code kill -9}). Usage: {@code StoreChild hold|append DIR commit|async}. Prints one event per
 * line: {@code OPEN}, {@code REFUSED <message>}, {@code EPOCH <room> <epoch>}, {@code ACK <room> <seq>}.
 */
public final class StoreChild {

  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    StoreConfig config = SqliteStoreTest.config(Path.of(args[1]), StoreConfig.Durability.parse(args[2]));
    SqliteStore store;
    try {
      store = SqliteStore.open(config);
    } catch (StoreStartupException e) {
      out.println("REFUSED " + e.getMessage());
      System.exit(3);
      return;
    }
    out.println("OPEN");
    if (args[0].equals("hold")) {
      waitForStdinToClose();
      store.close();
      return;
    }
    List<String> rooms = List.of("alpha", "beta", "gamma");
    for (String room : rooms) {
      RoomState state = store.openRoom(room, room, Instant.now()).join();
      out.println("EPOCH " + room + " " + state.meta().epoch() + " " + state.lastSeq());
    }
    // Appends until killed; a few in flight per room, each acknowledgement printed as it comes.
    for (long i = 0; ; i++) {
      List<CompletableFuture<Void>> inFlight = new ArrayList<>();
      for (String room : rooms) {
        inFlight.add(store.append(room, "child", room + "-" + i, Instant.now())
            .thenAccept(seq -> out.println("ACK " + room + " " + seq)));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }
  }

  private static void waitForStdinToClose() throws IOException {
    while (System.in.read() != -1) {
      // the parent closes our stdin when we should let go
    }
  }
}
