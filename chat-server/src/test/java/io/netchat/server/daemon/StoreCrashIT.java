package io.netchat.server.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract end to end, as an operator would break it: the packaged daemon
 * ({@code bin/netchat-server} on the shaded jar, default {@code durability: commit}) is killed
 * with SIGKILL while writers in several rooms are being acknowledged and a reader records every
 * message; restarted on the same data directory, the reader re-joins with {@code since}. Every
 * acknowledged message is there exactly once, with its text, in order; every message the reader
 * saw before the crash is still there unchanged; and {@code seq} continues with no gap and no repeat.
 */
class StoreCrashIT {
  private static final List<String> ROOMS = List.of("alpha", "beta", "gamma");
  /** Messages each writer tries to send; the kill comes long before the last. */
  private static final int PER_ROOM = 100_000;
  /** The reader must have seen this many messages in every room before the kill. */
  private static final int SEEN_BEFORE_KILL = 40;

  private final ObjectMapper json = new ObjectMapper();
  private PackagedDaemon daemon;

  @BeforeAll
  static void packagedJarExists() {
    PackagedDaemon.jar();
  }

  @AfterEach
  void stopDaemon() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyAcknowledgedMessageSurvivesKillNineOnceAndInOrder(@TempDir Path cwd) throws Exception {
    Path data = cwd.resolve("state");
    int port = start(cwd, data, "first.out");

    // room -> seq -> text, as acknowledged to the writers and as seen by the reader
    Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
    Map<String, ConcurrentSkipListMap<Long, String>> seen = new ConcurrentHashMap<>();
    ROOMS.forEach(room -> {
      acked.put(room, new ConcurrentSkipListMap<>());
      seen.put(room, new ConcurrentSkipListMap<>());
    });

    List<String> wrong = new CopyOnWriteArrayList<>(); // what the client threads saw go wrong
    Client reader = new Client(port, "reader");
    for (String room : ROOMS) {
      reader.send("{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\"}");
    }
    Thread readerThread = new Thread(() -> reader.record(seen, wrong), "crash-reader");
    readerThread.start();
    List<Thread> writers = new ArrayList<>();
    for (String room : ROOMS) {
      Client writer = new Client(port, "writer-" + room);
      writer.send("{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\"}");
      Thread t = new Thread(() -> writer.write(room, acked.get(room), wrong), "crash-writer-" + room);
      t.start();
      writers.add(t);
    }

    await().atMost(Duration.ofSeconds(120)).failFast("a client saw something wrong", () -> !wrong.isEmpty())
        .untilAsserted(() -> assertThat(ROOMS).allSatisfy(room ->
            assertThat(seen.get(room)).as(room).hasSizeGreaterThanOrEqualTo(SEEN_BEFORE_KILL)));
    daemon.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop, mid-stream
    assertThat(daemon.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (Thread t : writers) {
      t.join(30_000);
    }
    readerThread.join(30_000);
    assertThat(wrong).isEmpty();

    port = start(cwd, data, "second.out");
    Client again = new Client(port, "reader");
    for (String room : ROOMS) {
      ConcurrentSkipListMap<Long, String> before = seen.get(room);
      long since = before.lastKey();
      again.send("{\"type\":\"join\",\"id\":\"rj\",\"room\":\"" + room + "\",\"since\":" + since + "}");
      JsonNode joined = again.next();
      assertThat(joined.path("type").asText()).isEqualTo("joined");
      long last = joined.path("seq").asLong();
      TreeMap<Long, String> backlog = new TreeMap<>();
      for (JsonNode frame = again.next(); !frame.path("type").asText().equals("ok"); frame = again.next()) {
        assertThat(frame.path("type").asText()).as("no gap in %s after %d: %s", room, since, frame).isEqualTo("message");
        assertThat(backlog.put(frame.path("seq").asLong(), frame.path("text").asText())).as("no repeat").isNull();
      }
      // seen before the crash, then the backlog: 1..last, each once, in order
      List<Long> order = new ArrayList<>(before.keySet());
      order.addAll(backlog.keySet());
      assertThat(order).as("room %s: seq 1..%d without a gap or a repeat", room, last)
          .isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
      Map<Long, String> all = new TreeMap<>(before);
      all.putAll(backlog);
      assertThat(all).as("room %s: every acknowledged message, with its text", room)
          .containsAllEntriesOf(acked.get(room));
      assertThat(acked.get(room)).as("room %s: acknowledged before the kill", room).isNotEmpty();

      again.send("{\"type\":\"say\",\"id\":\"after\",\"room\":\"" + room + "\",\"text\":\"after the crash\"}");
      JsonNode next = again.next();
      assertThat(next.path("seq").asLong()).as("room %s: seq continues", room).isEqualTo(last + 1);
      assertThat(again.next().path("seq").asLong()).isEqualTo(last + 1); // the ok
    }
    again.close();
    daemon.process().destroy();
    assertThat(daemon.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.output()).noneMatch(line -> line.contains("LEAK:"));
  }

  private int start(Path cwd, Path data, String output) throws IOException {
    // Writers as fast as the disk lets them; a ring as deep as the crash can leave unseen.
    Files.writeString(cwd.resolve("server.yaml"), """
        limits:
          messages_per_second: 100000
          burst: 100000
          history_size: 5000
          max_history_per_request: 1000
        """);
    daemon = PackagedDaemon.start(cwd, output, "--config", "server.yaml", "--port", "0", "--data-dir",
        data.toString());
    Matcher listener = daemon.awaitListener();
    assertThat(listener.group(1) + " " + listener.group(3) + "/" + listener.group(4)).isEqualTo("127.0.0.1 length/json");
    return Integer.parseInt(listener.group(2));
  }

  /** A plain socket client speaking length-framed JSON; it stops quietly when the daemon dies. */
  private final class Client implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    Client(int port, String nick) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(30_000);
      out = new DataOutputStream(socket.getOutputStream());
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      send("{\"type\":\"hello\",\"nick\":\"" + nick + "\"}");
      assertThat(next().path("type").asText()).isEqualTo("welcome");
    }

    void send(String payload) throws IOException {
      byte[] bytes = payload.getBytes(UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
      out.flush();
    }

    JsonNode next() throws IOException {
      int length = in.readInt();
      return json.readTree(in.readNBytes(length));
    }

    /** Records every message of every room until the connection breaks. */
    void record(Map<String, ConcurrentSkipListMap<Long, String>> seen, List<String> wrong) {
      try {
        while (true) {
          JsonNode frame = next();
          if (frame.path("type").asText().equals("message")) {
            String previous = seen.get(frame.path("room").asText())
                .put(frame.path("seq").asLong(), frame.path("text").asText());
            if (previous != null) {
              wrong.add("delivered twice: " + frame);
            }
          }
        }
      } catch (IOException daemonKilled) {
        close();
      }
    }

    /** Says numbered messages one after another, recording each acknowledged seq, until the connection breaks. */
    void write(String room, Map<Long, String> acked, List<String> wrong) {
      try {
        for (JsonNode frame = next(); !frame.path("type").asText().equals("ok"); frame = next()) {
          // the join's answers
        }
        for (int i = 1; i <= PER_ROOM; i++) {
          String text = room + " #" + i;
          send("{\"type\":\"say\",\"id\":\"s" + i + "\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}");
          JsonNode frame;
          do {
            frame = next();
          } while (!frame.path("type").asText().equals("ok") && !frame.path("type").asText().equals("error"));
          if (!frame.path("type").asText().equals("ok") || !frame.path("re").asText().equals("s" + i)) {
            wrong.add(room + ": " + frame);
            return;
          }
          acked.put(frame.path("seq").asLong(), text);
        }
      } catch (IOException daemonKilled) {
        close();
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone with the daemon
      }
    }
  }
}
