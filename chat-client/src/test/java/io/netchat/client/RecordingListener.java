package io.netchat.client;

import static org.awaitility.Awaitility.await;

import io.netchat.codec.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records what a client hears, for assertions; records the thread of each call too. */
public final class RecordingListener implements ChatListener {
  public static final Duration WAIT = Duration.ofSeconds(10);

  final List<ServerMessage> events = new CopyOnWriteArrayList<>();
  final List<ConnectionEvent> connection = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(ServerMessage event) {
    threads.add(Thread.currentThread().getName());
    events.add(event);
  }

  @Override
  public void onConnection(ConnectionEvent event) {
    threads.add(Thread.currentThread().getName());
    connection.add(event);
  }

  public <T extends ServerMessage> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The texts of the room messages delivered for {@code room}, in delivery order. */
  public List<String> texts(String room) {
    return all(ServerMessage.Message.class).stream().filter(m -> m.room().equals(room))
        .map(ServerMessage.Message::text).toList();
  }

  public List<Long> seqs(String room) {
    return all(ServerMessage.Message.class).stream().filter(m -> m.room().equals(room))
        .map(ServerMessage.Message::seq).toList();
  }

  public <T extends ServerMessage> T awaitEvent(Class<T> type, Predicate<T> matching) {
    return await().atMost(WAIT).until(
        () -> all(type).stream().filter(matching).findFirst().orElse(null), e -> e != null);
  }

  public void awaitTexts(String room, List<String> expected) {
    await().atMost(WAIT).until(() -> texts(room), texts -> texts.size() >= expected.size());
  }

  public void awaitConnection(ConnectionEvent.Kind kind) {
    await().atMost(WAIT).until(() -> connection.stream().anyMatch(e -> e.kind() == kind));
  }

  public long count(ConnectionEvent.Kind kind) {
    return connection.stream().filter(e -> e.kind() == kind).count();
  }
}
